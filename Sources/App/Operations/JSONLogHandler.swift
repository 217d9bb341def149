import Foundation
import Logging
import Synchronization

/// One JSON object per line (`time`, `level`, `label`, `message` and the metadata, among them
/// Hummingbird's `hb.request.id`), for a log collector. Whatever is logged goes out as it is:
/// the callers are the ones that never log answers, comments or contact data (README).
struct JSONLogHandler: LogHandler {
    enum Output: Sendable {
        case standardOutput, standardError
        /// Whole lines handed to a function (tests read them).
        case lines(@Sendable ([UInt8]) -> Void)
    }

    let label: String
    let output: Output
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    /// Lines are written whole, one `write` each, so concurrent requests never interleave.
    private static let lock = Mutex(())

    init(label: String, output: Output) {
        self.label = label
        self.output = output
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var fields: [String: String] = [:]
        for (key, value) in metadata { fields[key] = value.description }
        if let provided = metadataProvider?.get() { for (key, value) in provided { fields[key] = value.description } }
        if let extra = event.metadata { for (key, value) in extra { fields[key] = value.description } }
        // The real time of the process, not the service clock: a log records when it ran.
        fields["time"] = Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true))
        fields["level"] = event.level.rawValue
        fields["label"] = label
        fields["message"] = event.message.description
        let line = Self.line(fields)
        let descriptor: Int32
        switch output {
        case .standardOutput: descriptor = STDOUT_FILENO
        case .standardError: descriptor = STDERR_FILENO
        case .lines(let take):
            take(line)
            return
        }
        Self.lock.withLock { _ in
            line.withUnsafeBufferPointer { buffer in _ = write(descriptor, buffer.baseAddress, buffer.count) }
        }
    }

    /// Sorted keys, so lines diff and grep the same way every time.
    static func line(_ fields: [String: String]) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var bytes = (try? encoder.encode(fields)).map { Array($0) } ?? Array(#"{"message":"unencodable log line"}"#.utf8)
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }
}
