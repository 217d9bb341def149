import Foundation
import HummingbirdTesting
import NIOCore
import Testing

@testable import App

/// Text with markup and both quotes, tagged so a page that misses one field names it.
enum Markup {
    /// `<b>"x'&` followed by the tag: what a careless admin or a hostile one could type.
    static func raw(_ tag: String) -> String { #"<b>"x'&"# + tag }
    /// The same as it must appear in HTML: every special character escaped.
    static func escaped(_ tag: String) -> String { "&lt;b&gt;&quot;x&#39;&amp;" + tag }
    /// The same percent-encoded, for a form body or a query.
    static func encoded(_ tag: String) -> String {
        raw(tag).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    /// The page never carries the raw markup and carries every tag in its escaped form.
    static func expectEscaped(
        _ html: String, _ tags: [String], _ label: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(!html.contains("<b>"), "\(label): raw markup", sourceLocation: sourceLocation)
        #expect(!html.contains(#""x'"#), "\(label): raw quotes", sourceLocation: sourceLocation)
        for tag in tags {
            #expect(html.contains(escaped(tag)), "\(label): \(tag) not shown escaped", sourceLocation: sourceLocation)
        }
    }
}

/// Decompresses gzip with the system's gzip, so the check does not share code with the
/// server's compressor.
func gunzip(_ buffer: ByteBuffer) throws -> [UInt8] {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("hailong-gz-\(UUID().uuidString).gz")
    try Data(buffer.readableBytesView).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let result = try Subprocess.run("/usr/bin/gzip", ["-dc", file.path])
    try #require(result.status == 0, "not gzip")
    return [UInt8](result.output)
}

extension String {
    /// The value of the first `attribute="..."` after `marker`.
    func attribute(_ attribute: String, after marker: String) -> String? {
        guard let start = range(of: marker) else { return nil }
        guard let value = self[start.upperBound...].range(of: attribute + "=\"") else { return nil }
        return String(self[value.upperBound...].prefix { $0 != "\"" })
    }

    /// The text between `open` and the next `close`, both excluded.
    func between(_ open: String, _ close: String) -> String? {
        guard let start = range(of: open), let end = self[start.upperBound...].range(of: close) else { return nil }
        return String(self[start.upperBound..<end.lowerBound])
    }
}
