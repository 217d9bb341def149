import Foundation

/// A Litestream replica named to `hailong restore --from`: a replica directory (it holds
/// `ltx/`) or a replica URL. Litestream itself rebuilds the database (deploy/litestream.yml);
/// HaiLong then restores that file like a backup and verifies it.
struct LitestreamReplica {
    let url: String

    init?(_ source: String) {
        if ["s3://", "sftp://", "file://", "gs://", "abs://"].contains(where: source.hasPrefix) {
            url = source
            return
        }
        var isDirectory: ObjCBool = false
        let ltx = (source as NSString).appendingPathComponent("ltx")
        guard FileManager.default.fileExists(atPath: ltx, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        url = "file://" + (source.hasPrefix("/") ? source : FileManager.default.currentDirectoryPath + "/" + source)
    }

    /// Runs `litestream restore` into a temporary file next to the target directory (same
    /// disk, owner-only) and returns its path.
    func restoreToFile(near dataDirectory: String) throws -> String {
        guard let litestream = Self.executable() else {
            throw MaintenanceError("cần chương trình litestream để khôi phục từ bản sao liên tục (litestream not found on PATH)")
        }
        let parent = ((dataDirectory as NSString).standardizingPath as NSString).deletingLastPathComponent
        let file = (parent.isEmpty ? "." : parent) + "/.hailong-replica-\(UUID().uuidString).sqlite"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: litestream)
        process.arguments = ["restore", "-o", file, url]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let said = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: file) else {
            try? FileManager.default.removeItem(atPath: file)
            let detail = String(decoding: said, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
            throw MaintenanceError("litestream restore thất bại / failed: \(detail)")
        }
        return file
    }

    static func executable() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/litestream" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
