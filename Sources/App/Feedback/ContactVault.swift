import Crypto
import Domain
import Foundation

/// Contact data sealed with AES-GCM under a key file in the data directory (mode 0600).
/// Placeholder until the full vault lands; same interface.
struct ContactVault: Sendable {
    private let key: SymmetricKey

    init(dataDirectory: String) throws {
        let path = (dataDirectory as NSString).appendingPathComponent("contact.key")
        if let data = FileManager.default.contents(atPath: path), data.count == 32 {
            key = SymmetricKey(data: data)
        } else {
            let fresh = SymmetricKey(size: .bits256)
            let bytes = fresh.withUnsafeBytes { Data($0) }
            guard FileManager.default.createFile(atPath: path, contents: bytes, attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteUnknown)
            }
            key = fresh
        }
    }

    func seal(_ contact: FeedbackContact) throws -> Data {
        let plain = try JSONEncoder().encode(contact)
        guard let combined = try AES.GCM.seal(plain, using: key).combined else { throw CocoaError(.coderInvalidValue) }
        return Data([1]) + combined
    }

    func open(_ data: Data) throws -> FeedbackContact {
        guard data.first == 1 else { throw CocoaError(.coderInvalidValue) }
        let box = try AES.GCM.SealedBox(combined: data.dropFirst())
        return try JSONDecoder().decode(FeedbackContact.self, from: AES.GCM.open(box, using: key))
    }
}
