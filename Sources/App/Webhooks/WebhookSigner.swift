import Crypto
import Domain
import Foundation

/// The signature product.md fixes: `sha256=` and the hex HMAC-SHA256, under the webhook's
/// secret, of `<timestamp>.<body>`. The timestamp is inside what is signed, so a receiver
/// that refuses old timestamps refuses a replayed delivery too.
enum WebhookSigner {
    static func signature(secret: String, timestamp: Int, body: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(timestamp).\(body)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + Hex.encode(mac)
    }
}
