import Foundation
import Testing

/// Headless Chromium (Debian's `chromium`, installed by `make test`).
enum Chromium {
    static func executable() throws -> String {
        let candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        return try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0) }, "chromium is missing: `make test` installs it")
    }

    static func screenshot(url: String, width: Int, height: Int, to path: String) async throws {
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: try executable())
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
            "--user-data-dir=\(FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)").path)",
            "--window-size=\(width),\(height)", "--screenshot=\(path)", url,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Chromium runs in its own process; wait without blocking the server's threads.
        for _ in 0..<600 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        if process.isRunning { process.terminate() }
        try #require(FileManager.default.fileExists(atPath: path), "chromium wrote no screenshot")
    }

    /// Width from the PNG's IHDR chunk.
    static func pngWidth(_ png: Data) -> Int? {
        guard png.count > 24 else { return nil }
        return png[16..<20].reduce(0) { $0 << 8 | Int($1) }
    }
}
