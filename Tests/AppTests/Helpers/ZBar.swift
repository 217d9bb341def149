import Foundation
import Testing

/// Decodes QR images with zbarimg (zbar-tools, installed by `make test`): the reader is not
/// ours, so a round trip through it proves the code is readable, not only well formed.
enum ZBar {
    static let tool = "/usr/bin/zbarimg"

    /// The text of the one QR code in the image at `path`, trimmed; "" when none is found.
    static func decode(_ path: String) throws -> String {
        try #require(FileManager.default.isExecutableFile(atPath: tool), "zbarimg is missing: `make test` installs zbar-tools")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-q", "--raw", path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Read before waiting: a full pipe would otherwise block zbarimg forever.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
