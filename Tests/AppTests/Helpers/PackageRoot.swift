import Foundation

/// The package's root folder: the nearest folder above this file that holds Package.swift,
/// so moving a test file between folders never breaks the path to Forms/ or Public/.
func findPackageRoot(from file: String = #filePath) -> URL {
    var folder = URL(fileURLWithPath: file).deletingLastPathComponent()
    while folder.path != "/" && !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
        folder = folder.deletingLastPathComponent()
    }
    return folder
}
