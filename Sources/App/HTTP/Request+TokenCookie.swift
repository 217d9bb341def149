import Domain
import Hummingbird

extension Request {
    /// The value of cookie `name` when it has the shape of a token this server issues; nil
    /// for anything else. Every cookie we set carries such a token, so a value with a space,
    /// quote, comma, backslash or non-ASCII letter was not ours: it must never be written
    /// back into a Set-Cookie header (Hummingbird's `Cookie` asserts on it in debug builds,
    /// and a release build would send an invalid header).
    func tokenCookie(_ name: String) -> String? {
        guard let value = cookies[name]?.value, TokenGenerator.isWellFormed(value) else { return nil }
        return value
    }
}
