import NIOCore

/// Writes a page's HTML straight into the response's byte buffer, with no template engine
/// and no reflection (Mustache's Mirror walks cost 3.4 ms per details page; see bench/).
///
/// Escaping is by construction: markup can only come from string literals (`StaticString`,
/// fixed at compile time), and every runtime value - a counter's name, a citizen's comment,
/// a URL - goes through `text` or an attribute, which escape `& < > " '`. There is no call
/// that writes a runtime `String` unescaped.
struct HTML {
    private(set) var buffer: ByteBuffer

    init(capacity: Int = 4096) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    /// Trusted markup from the source code.
    mutating func raw(_ markup: StaticString) {
        buffer.writeStaticString(markup)
    }

    /// Text content, escaped.
    mutating func text(_ value: String) {
        escape(value)
    }

    mutating func text(_ value: Int) {
        buffer.writeString(String(value))
    }

    /// `<tag a="v"...>`; attributes whose value is nil are left out.
    mutating func open(_ tag: StaticString, _ attributes: Attribute...) {
        openTag(tag, attributes)
    }

    mutating func close(_ tag: StaticString) {
        buffer.writeStaticString("</")
        buffer.writeStaticString(tag)
        buffer.writeStaticString(">")
    }

    /// `<tag ...>escaped text</tag>`.
    mutating func element(_ tag: StaticString, _ attributes: Attribute..., text: String) {
        openTag(tag, attributes)
        escape(text)
        close(tag)
    }

    /// `<tag ...>` children `</tag>`.
    mutating func element(_ tag: StaticString, _ attributes: Attribute..., body: (inout HTML) -> Void) {
        openTag(tag, attributes)
        body(&self)
        close(tag)
    }

    /// A void element (`input`, `meta`, `link`, `img`, `br`): no closing tag.
    mutating func void(_ tag: StaticString, _ attributes: Attribute...) {
        openTag(tag, attributes)
    }

    private mutating func openTag(_ tag: StaticString, _ attributes: [Attribute]) {
        buffer.writeStaticString("<")
        buffer.writeStaticString(tag)
        for attribute in attributes {
            switch attribute.value {
            case .none: continue
            case .flag:
                buffer.writeStaticString(" ")
                buffer.writeStaticString(attribute.name)
            case .text(let value):
                buffer.writeStaticString(" ")
                buffer.writeStaticString(attribute.name)
                buffer.writeStaticString("=\"")
                escape(value)
                buffer.writeStaticString("\"")
            case .literal(let value):
                buffer.writeStaticString(" ")
                buffer.writeStaticString(attribute.name)
                buffer.writeStaticString("=\"")
                buffer.writeStaticString(value)
                buffer.writeStaticString("\"")
            }
        }
        buffer.writeStaticString(">")
    }

    /// Copies runs of safe bytes in one write each; only the five special characters are
    /// replaced. Multi-byte UTF-8 never contains these ASCII bytes, so a byte scan is exact.
    private mutating func escape(_ value: String) {
        var value = value
        value.withUTF8 { bytes in
            var start = 0
            for index in bytes.indices {
                let replacement: StaticString
                switch bytes[index] {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                default: continue
                }
                if start < index { buffer.writeBytes(UnsafeBufferPointer(rebasing: bytes[start..<index])) }
                buffer.writeStaticString(replacement)
                start = index + 1
            }
            if start < bytes.count { buffer.writeBytes(UnsafeBufferPointer(rebasing: bytes[start...])) }
        }
    }
}

/// One attribute of an element. The name is always a literal; the value is escaped unless it
/// is a literal too.
struct Attribute {
    enum Value {
        case none
        case flag
        case text(String)
        case literal(StaticString)
    }

    let name: StaticString
    let value: Value

    /// `name="value"`, escaped; left out when `value` is nil.
    static func attr(_ name: StaticString, _ value: String?) -> Attribute {
        Attribute(name: name, value: value.map(Value.text) ?? .none)
    }

    static func attr(_ name: StaticString, _ value: Int) -> Attribute {
        Attribute(name: name, value: .text(String(value)))
    }

    /// `name="literal"` for values fixed in the source.
    static func fixed(_ name: StaticString, _ value: StaticString) -> Attribute {
        Attribute(name: name, value: .literal(value))
    }

    /// A boolean attribute (`checked`, `required`): present when `on`.
    static func flag(_ name: StaticString, _ on: Bool = true) -> Attribute {
        Attribute(name: name, value: on ? .flag : .none)
    }

    static func `class`(_ value: String?) -> Attribute { attr("class", value) }
    static func id(_ value: String) -> Attribute { attr("id", value) }
    static func href(_ value: String) -> Attribute { attr("href", value) }
    static func name(_ value: String) -> Attribute { attr("name", value) }
    static func value(_ value: String) -> Attribute { attr("value", value) }
    static func type(_ value: StaticString) -> Attribute { fixed("type", value) }
}
