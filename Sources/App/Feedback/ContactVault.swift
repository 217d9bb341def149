import Crypto
import Domain
import Foundation

/// Why the vault could not do its work. None of these carries key material or contact data.
public enum ContactVaultError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The data directory or the key file could not be created or read (errno).
    case fileSystem(path: String, errno: Int32)
    /// The key file may be read or written by the group or others: it may have been copied,
    /// so it is not used. The operator decides: `chmod 600` if that was harmless.
    case keyFileNotPrivate(path: String, mode: UInt16)
    /// The key file is a link, a directory, or someone else's file.
    case keyFileNotRegular(path: String)
    case keyFileWrongSize(path: String, size: Int)
    /// An envelope version this build does not know.
    case unsupportedVersion(UInt8)
    /// Too short to be an envelope.
    case truncated
    /// The tag did not verify: the data was changed, or sealed under another key.
    case authenticationFailed
    /// Decrypted, but not the JSON of a contact.
    case invalidPayload

    public var description: String {
        switch self {
        case .fileSystem(let path, let errno): "contact vault: \(path): \(String(cString: strerror(errno)))"
        case .keyFileNotPrivate(let path, let mode):
            "contact vault: \(path) has mode \(String(mode, radix: 8)); it must be readable by its owner only (chmod 600)"
        case .keyFileNotRegular(let path): "contact vault: \(path) is not a regular file owned by this user"
        case .keyFileWrongSize(let path, let size): "contact vault: \(path) holds \(size) bytes, not a 32-byte key"
        case .unsupportedVersion(let version): "contact vault: unknown envelope version \(version)"
        case .truncated: "contact vault: envelope too short"
        case .authenticationFailed: "contact vault: envelope does not authenticate"
        case .invalidPayload: "contact vault: envelope does not hold a contact"
        }
    }
}

/// Encrypts the contact data a citizen gives with a feedback item, so that the database,
/// its backups and its exports hold only ciphertext (issue 8 item 6, domain.md §5).
///
/// Why a key file beside the database rather than in it: a copied database or backup on
/// its own reveals no names, addresses or phone numbers; the key is in one 32-byte file
/// that the backup procedure can keep apart. The key is AES-256 and each envelope is
/// AES-GCM, which also authenticates it: a changed byte fails to open, it never decrypts
/// to something else.
///
/// The key file `contact.key` is created on first use with mode 0600 (its directory 0700
/// when the vault creates it), written completely under a temporary name and then linked
/// into place, so that two processes starting together agree on one key and none reads a
/// half-written file. An existing key file whose mode lets the group or others in is
/// REFUSED, not tightened: unlike the database (which `PrivateFiles` tightens), a key that
/// others could read must be assumed copied, and only the operator can judge that.
///
/// Envelope, version 1: `0x01 | nonce (12) | ciphertext | tag (16)`; the plaintext is the
/// JSON of `FeedbackContact` (sorted keys), and the version byte is authenticated data,
/// so it cannot be changed either. Nothing here logs, and the vault's description does not
/// show the key.
public final class ContactVault: Sendable, CustomStringConvertible {
    public static let keyFileName = "contact.key"
    static let version: UInt8 = 1
    static let nonceSize = 12
    static let tagSize = 16

    private let key: SymmetricKey

    /// Opens the vault of `dataDirectory`, creating the directory (0700) and the key
    /// (0600) when they do not exist.
    public init(dataDirectory: String) throws(ContactVaultError) {
        try Self.prepareDirectory(dataDirectory)
        let path = (dataDirectory as NSString).appendingPathComponent(Self.keyFileName)
        if let key = try Self.readKey(path) {
            self.key = key
        } else {
            try Self.createKey(path, directory: dataDirectory)
            guard let key = try Self.readKey(path) else { throw .fileSystem(path: path, errno: ENOENT) }
            self.key = key
        }
    }

    public var description: String { "ContactVault(key: redacted)" }

    /// Encrypts `contact` into a version-1 envelope, under a fresh random nonce.
    public func seal(_ contact: FeedbackContact) throws(ContactVaultError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let plaintext: Data
        do {
            plaintext = try encoder.encode(contact)
        } catch {
            throw .invalidPayload
        }
        return try seal(plaintext, context: [])
    }

    /// Decrypts and authenticates an envelope made by `seal`.
    public func open(_ data: Data) throws(ContactVaultError) -> FeedbackContact {
        let plaintext = try open(data, context: [])
        do {
            return try JSONDecoder().decode(FeedbackContact.self, from: plaintext)
        } catch {
            throw .invalidPayload
        }
    }

    /// Seals a webhook's secret: it signs every delivery, so it cannot be hashed, and the
    /// database must not hold it in clear. The same key and envelope as contact data, with
    /// the purpose in the authenticated data, so neither kind of envelope opens as the other.
    public func sealSecret(_ secret: String) throws(ContactVaultError) -> Data {
        try seal(Data(secret.utf8), context: Self.secretContext)
    }

    public func openSecret(_ data: Data) throws(ContactVaultError) -> String {
        String(decoding: try open(data, context: Self.secretContext), as: UTF8.self)
    }

    private static let secretContext = Array("webhook-secret".utf8)

    /// The envelope: the version byte, then AES-GCM's nonce, ciphertext and tag; the version
    /// byte and `context` are authenticated.
    private func seal(_ plaintext: Data, context: [UInt8]) throws(ContactVaultError) -> Data {
        do {
            let box = try AES.GCM.seal(plaintext, using: key, nonce: AES.GCM.Nonce(), authenticating: [Self.version] + context)
            guard let combined = box.combined else { throw ContactVaultError.invalidPayload }
            return Data([Self.version]) + combined
        } catch {
            throw .invalidPayload
        }
    }

    private func open(_ data: Data, context: [UInt8]) throws(ContactVaultError) -> Data {
        guard let version = data.first else { throw .truncated }
        guard version == Self.version else { throw .unsupportedVersion(version) }
        guard data.count >= 1 + Self.nonceSize + Self.tagSize else { throw .truncated }
        do {
            let box = try AES.GCM.SealedBox(combined: Data(data.dropFirst()))
            return try AES.GCM.open(box, using: key, authenticating: [version] + context)
        } catch {
            throw .authenticationFailed
        }
    }

    // MARK: - The key file

    /// Creates a missing directory 0700 (parents as usual); an existing one is left as it
    /// is (the database's `PrivateFiles` tightens the data directory when it opens).
    private static func prepareDirectory(_ path: String) throws(ContactVaultError) {
        var info = stat()
        if stat(path, &info) == 0 { return }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, !FileManager.default.fileExists(atPath: parent) {
            do {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            } catch {
                throw .fileSystem(path: parent, errno: EACCES)
            }
        }
        guard mkdir(path, 0o700) == 0 || errno == EEXIST else { throw .fileSystem(path: path, errno: errno) }
    }

    /// The key in `path`, or nil when there is no such file. Refuses links, other users'
    /// files, files others may read, and files that are not exactly 32 bytes.
    private static func readKey(_ path: String) throws(ContactVaultError) -> SymmetricKey? {
        let descriptor = posixOpen(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            if errno == ELOOP { throw .keyFileNotRegular(path: path) }
            throw .fileSystem(path: path, errno: errno)
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .fileSystem(path: path, errno: errno) }
        guard info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid() else { throw .keyFileNotRegular(path: path) }
        guard info.st_mode & 0o077 == 0 else { throw .keyFileNotPrivate(path: path, mode: UInt16(info.st_mode & 0o7777)) }
        guard info.st_size == 32 else { throw .keyFileWrongSize(path: path, size: Int(info.st_size)) }
        var bytes = [UInt8](repeating: 0, count: 32)
        let read = bytes.withUnsafeMutableBytes { posixRead(descriptor, $0.baseAddress, 32) }
        guard read == 32 else { throw .fileSystem(path: path, errno: read < 0 ? errno : EIO) }
        defer { bytes.withUnsafeMutableBytes { $0.initializeMemory(as: UInt8.self, repeating: 0) } }
        return SymmetricKey(data: bytes)
    }

    /// Writes a new random key to a temporary 0600 file, syncs it, and links it to `path`;
    /// `link` fails when `path` exists, so a key made meanwhile by another process wins and
    /// is the one read next.
    private static func createKey(_ path: String, directory: String) throws(ContactVaultError) {
        let temporary = (directory as NSString).appendingPathComponent(".\(keyFileName).\(UUID().uuidString)")
        let descriptor = posixOpen(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .fileSystem(path: temporary, errno: errno) }
        defer { unlink(temporary) }
        var bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        defer { bytes.withUnsafeMutableBytes { $0.initializeMemory(as: UInt8.self, repeating: 0) } }
        let written = bytes.withUnsafeBytes { posixWrite(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor) == 0
        let failure = errno
        close(descriptor)
        guard written == 32, synced else { throw .fileSystem(path: temporary, errno: written < 0 || !synced ? failure : EIO) }
        guard link(temporary, path) == 0 || errno == EEXIST else { throw .fileSystem(path: path, errno: errno) }
    }
}

// The C calls, at file scope: inside `ContactVault`, `open` would name the vault's method.
private func posixOpen(_ path: String, _ flags: Int32, _ mode: mode_t = 0) -> Int32 { open(path, flags, mode) }
private func posixRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(descriptor, buffer, count) }
private func posixWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int { write(descriptor, buffer, count) }
