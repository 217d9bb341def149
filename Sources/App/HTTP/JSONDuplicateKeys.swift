import Foundation

/// The first key that an object of a JSON text names twice, if any. Run on text that
/// JSONSerialization has already accepted, so it only has to tell keys from values.
/// Why: Foundation keeps one of the two values and drops the other without a word, so
/// `{"kind": "gop-y", "kind": "to-cao"}` would be filed as whichever it kept. The form
/// parser refuses a repeated field; JSON is held to the same rule.
enum JSONDuplicateKeys {
    /// An open object (its keys so far, and whether a key comes next) or array.
    private struct Frame {
        let isObject: Bool
        var expectingKey: Bool
        var keys: Set<String> = []
    }

    /// Safe on any bytes (an unterminated string ends the scan), but only meaningful on JSON.
    static func first(in bytes: [UInt8]) -> String? {
        var frames: [Frame] = []
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "{"): frames.append(Frame(isObject: true, expectingKey: true))
            case UInt8(ascii: "["): frames.append(Frame(isObject: false, expectingKey: false))
            case UInt8(ascii: "}"), UInt8(ascii: "]"): _ = frames.popLast()
            case UInt8(ascii: ","):
                if let last = frames.indices.last, frames[last].isObject { frames[last].expectingKey = true }
            case UInt8(ascii: "\""):
                let start = index
                var escaped = false
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\") {
                        escaped = true
                        index += 1
                    }
                    index += 1
                }
                guard index < bytes.count else { return nil }
                guard let last = frames.indices.last, frames[last].expectingKey else { break }
                let key = escaped ? unescaped(bytes[start...index]) : String(decoding: bytes[(start + 1)..<index], as: UTF8.self)
                guard frames[last].keys.insert(key).inserted else { return key }
                frames[last].expectingKey = false
            default: break
            }
            index += 1
        }
        return nil
    }

    /// A key with escapes, as JSON reads it: `"k\u0069nd"` is `kind`.
    private static func unescaped(_ quoted: ArraySlice<UInt8>) -> String {
        let value = try? JSONSerialization.jsonObject(with: Data(quoted), options: .fragmentsAllowed)
        return value as? String ?? String(decoding: quoted, as: UTF8.self)
    }
}
