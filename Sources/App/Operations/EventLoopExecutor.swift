import NIOCore
import NIOPosix

/// Swift concurrency's jobs run on NIO's event loops rather than on a pool of their own.
///
/// Why: Hummingbird reads and writes each connection on an event loop, and a handler is an
/// async function; with two pools every request crosses threads twice (event loop -> the
/// concurrency pool -> back), which on a 2-core ward server showed as a third of a rating
/// page's CPU in the scheduler and futexes (bench/README.md). With one pool a handler runs on
/// the threads that do the I/O. Nothing here blocks a thread for long: bcrypt and workbook
/// files run on `NIOThreadPool`, and SQLite's writes and scans on GRDB's own queues.
public enum EventLoopExecutor {
    /// Installs the event loops as the global executor. Call it once, first thing in the
    /// process, before any task is started; returns whether it took.
    @discardableResult
    public static func install() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}
