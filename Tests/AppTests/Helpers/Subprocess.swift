import Foundation

/// Runs a tool the tests rely on (curl, gzip, zbarimg, python3) and returns its standard
/// output. The output is read before waiting, so a full pipe never blocks the tool; standard
/// error is dropped. Reading the pipe to its end is the safe way here: the
/// readabilityHandler route crashed libdispatch under CI's load (see the notes in README).
enum Subprocess {
    struct Result {
        var status: Int32
        var output: Data
        var text: String { String(decoding: output, as: UTF8.self) }
    }

    /// `run` on a Dispatch thread, for a tool that takes seconds: waiting for it on the
    /// concurrency pool (two threads on two cores) would starve the servers under test.
    static func runOffPool(_ executable: String, _ arguments: [String]) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Swift.Result { try run(executable, arguments) }) }
        }
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> Result {
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: data)
    }
}
