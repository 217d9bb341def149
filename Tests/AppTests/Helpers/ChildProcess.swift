import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A child process started with posix_spawn, for the tests' tools (curl, chromedriver, the
/// built `hailong`, litestream, python3). Foundation's `Process.run()` on Linux reads past a
/// `dirent` while listing /proc/self/fd and crashes the whole test run now and then
/// (swift-corelibs-foundation PR #5472, seen here as a SIGSEGV in `Process.run` under the
/// parallel suites); this does the same job without that listing. The API is the part of
/// `Process` the tests use, so a call site only changes the type's name.
final class ChildProcess: @unchecked Sendable {
    var executableURL: URL?
    var arguments: [String] = []
    /// Each a `Pipe`, a `FileHandle` or nil (/dev/null).
    var standardInput: Any?
    var standardOutput: Any?
    var standardError: Any?

    private let lock = NSLock()
    private var pid: pid_t = 0
    private var exitStatus: Int32?

    var processIdentifier: Int32 { lock.withLock { pid } }

    var isRunning: Bool {
        lock.withLock {
            guard pid > 0, exitStatus == nil else { return false }
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { exitStatus = Self.decode(status) }
            return result == 0
        }
    }

    var terminationStatus: Int32 { lock.withLock { exitStatus ?? -1 } }

    struct SpawnError: Error, CustomStringConvertible {
        let path: String
        let code: Int32
        var description: String { "posix_spawn \(path): \(String(cString: strerror(code)))" }
    }

    func run() throws {
        guard let executable = executableURL?.path else { throw SpawnError(path: "(none)", code: ENOENT) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let null = open("/dev/null", O_RDWR | O_CLOEXEC)
        defer { close(null) }
        let inFD = Self.descriptor(standardInput, childReads: true) ?? null
        let outFD = Self.descriptor(standardOutput, childReads: false) ?? null
        let errFD = Self.descriptor(standardError, childReads: false) ?? null
        posix_spawn_file_actions_adddup2(&actions, inFD, 0)
        posix_spawn_file_actions_adddup2(&actions, outFD, 1)
        posix_spawn_file_actions_adddup2(&actions, errFD, 2)
        // Nothing else of the test process leaks into the child: another test's pipe kept
        // open by a long-lived child would never reach end-of-file.
        Self.closeFrom(&actions, 3)

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let code = posix_spawn(&child, executable, &actions, nil, argv, environ)
        guard code == 0 else { throw SpawnError(path: executable, code: code) }
        lock.withLock { pid = child }
        // The parent's copies of the child's ends are closed, as Foundation does, so that a
        // reader sees end-of-file when the child exits.
        if let pipe = standardInput as? Pipe { try? pipe.fileHandleForReading.close() }
        if let pipe = standardOutput as? Pipe { try? pipe.fileHandleForWriting.close() }
        if let pipe = standardError as? Pipe, (standardOutput as? Pipe) !== pipe { try? pipe.fileHandleForWriting.close() }
    }

    func waitUntilExit() {
        let child = lock.withLock { exitStatus == nil ? pid : 0 }
        guard child > 0 else { return }
        var status: Int32 = 0
        while waitpid(child, &status, 0) == -1 && errno == EINTR {}
        lock.withLock { if exitStatus == nil { exitStatus = Self.decode(status) } }
    }

    /// SIGTERM, then SIGKILL two seconds later if it is still there: chromedriver was seen
    /// to outlive SIGTERM, and a leftover child outlives the test run.
    func terminate() {
        let child = processIdentifier
        guard child > 0 else { return }
        kill(child, SIGTERM)
        DispatchQueue.global().asyncAfter(deadline: .now() + 2) { [self] in
            if isRunning { kill(child, SIGKILL) }
            waitUntilExit()
        }
    }

    private static func decode(_ status: Int32) -> Int32 {
        // WIFEXITED / WEXITSTATUS, and 128 + signal as a shell reports it.
        status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    private static func descriptor(_ value: Any?, childReads: Bool) -> Int32? {
        switch value {
        case let pipe as Pipe: childReads ? pipe.fileHandleForReading.fileDescriptor : pipe.fileHandleForWriting.fileDescriptor
        // Foundation's `FileHandle.nullDevice` has no descriptor of its own (-1): /dev/null.
        case let handle as FileHandle: handle === FileHandle.nullDevice || handle.fileDescriptor < 0 ? nil : handle.fileDescriptor
        default: nil
        }
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), which Swift's Glibc module
    /// does not declare.
    private static func closeFrom(_ actions: inout posix_spawn_file_actions_t, _ lowest: Int32) {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return }
        _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, lowest)
    }
}
