import NIOCore

/// Writes a page's HTML straight into the response's byte buffer, with no template engine
/// and no reflection (Mustache's Mirror walks cost 3.4 ms per details page; see bench/).
///
/// Escaping is by construction: markup can only come from string literals (`StaticString`,
/// fixed at compile time), and every runtime value - a counter's name, a citizen's comment,
/// a URL - goes through `text` or an attribute, which escape `& < > " '`. There is no call
/// that writes a runtime `String` unescaped.
struct HTML {
    /// Plain bytes while writing: a page is hundreds of small writes, and appending to an
    /// array costs less per call than ByteBuffer's checked writes (measured: bench/README.md).
    private var bytes: [UInt8]

    init(capacity: Int = 4096) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The page, in one buffer for the response.
    var buffer: ByteBuffer { ByteBuffer(bytes: bytes) }

    /// The page's bytes so far (`SplicedPage` keeps them).
    var written: [UInt8] { bytes }

    /// What was written so far, to be spliced into later pages (`raw(_ fragment:)`).
    var fragment: HTMLFragment { HTMLFragment(bytes: bytes) }

    /// Trusted markup from the source code.
    mutating func raw(_ markup: StaticString) {
        markup.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A fragment this writer rendered before: escaped when it was written.
    mutating func raw(_ fragment: HTMLFragment) {
        bytes.append(contentsOf: fragment.bytes)
    }

    /// Text content, escaped.
    mutating func text(_ value: String) {
        escape(value)
    }

    mutating func text(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// `<tag a="v"...>`; attributes whose value is nil are left out.
    mutating func open(_ tag: StaticString, _ attributes: Attribute...) {
        openTag(tag, attributes)
    }

    mutating func close(_ tag: StaticString) {
        raw("</")
        raw(tag)
        raw(">")
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
        raw("<")
        raw(tag)
        for attribute in attributes {
            switch attribute.value {
            case .none: continue
            case .flag:
                raw(" ")
                raw(attribute.name)
            case .text(let value):
                raw(" ")
                raw(attribute.name)
                raw("=\"")
                escape(value)
                raw("\"")
            case .literal(let value):
                raw(" ")
                raw(attribute.name)
                raw("=\"")
                raw(value)
                raw("\"")
            }
        }
        raw(">")
    }

    /// Copies runs of safe bytes in one write each; only the five special characters are
    /// replaced. Multi-byte UTF-8 never contains these ASCII bytes, so a byte scan is exact.
    private mutating func escape(_ value: String) {
        var value = value
        value.withUTF8 { text in
            var start = 0
            for index in text.indices {
                let replacement: StaticString
                switch text[index] {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                default: continue
                }
                if start < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<index])) }
                raw(replacement)
                start = index + 1
            }
            if start < text.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start...])) }
        }
    }
}

/// Markup an `HTML` writer produced, kept to splice into later pages: the part of a page that
/// is the same for every visitor is rendered once. Only `HTML.fragment` makes one, so a
/// fragment is as escaped as everything else the writer writes.
struct HTMLFragment: Sendable {
    fileprivate let bytes: [UInt8]
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
