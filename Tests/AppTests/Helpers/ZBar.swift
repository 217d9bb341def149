import Foundation
import Testing

/// Decodes QR images with zbarimg (zbar-tools, installed by `make test`): the reader is not
/// ours, so a round trip through it proves the code is readable, not only well formed.
enum ZBar {
    static let tool = "/usr/bin/zbarimg"

    /// The text of the one QR code in the image at `path`, trimmed; "" when none is found.
    static func decode(_ path: String) throws -> String {
        try #require(FileManager.default.isExecutableFile(atPath: tool), "zbarimg is missing: `make test` installs zbar-tools")
        return try Subprocess.run(tool, ["-q", "--raw", path]).text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
