import Domain
import Foundation
import Testing

@testable import App

@Suite struct ContactVaultTests {
    let contact = FeedbackContact(
        name: "Nguyễn Thị Bích Ngọc", address: "12 Lê Lợi, phường Tân Phước", phone: "0912345678", email: "ngoc@example.vn")

    static func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("hailong-vault-\(UUID().uuidString)").path
    }

    static func mode(_ path: String) throws -> UInt16 {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require((attributes[.posixPermissions] as? NSNumber)?.uint16Value)
    }

    @Test func aWebhookSecretRoundTripsAndNeitherKindOfEnvelopeOpensAsTheOther() throws {
        let vault = try ContactVault(dataDirectory: Self.temporaryDirectory())
        let sealed = try vault.sealSecret("whsec_0123456789abcdef")
        #expect(try vault.openSecret(sealed) == "whsec_0123456789abcdef")
        #expect(![UInt8](sealed).containsText("whsec_"))
        #expect(throws: ContactVaultError.authenticationFailed) { try vault.open(sealed) }
        #expect(throws: ContactVaultError.authenticationFailed) { try vault.openSecret(try vault.seal(contact)) }
    }

    @Test func aContactRoundTripsAndTheEnvelopeHidesIt() throws {
        let vault = try ContactVault(dataDirectory: Self.temporaryDirectory())
        let sealed = try vault.seal(contact)
        #expect(sealed.first == 1)
        #expect(try vault.open(sealed) == contact)
        let bytes = [UInt8](sealed)
        for clear in ["0912345678", "Ngọc", "example.vn", "phone"] { #expect(!bytes.containsText(clear)) }
        // A fresh nonce each time: the same contact never gives the same bytes.
        #expect(try vault.seal(contact) != sealed)
        #expect(try vault.open(vault.seal(FeedbackContact())) == FeedbackContact())
    }

    @Test func theKeyFileIsCreated0600InANew0700Directory() throws {
        let directory = Self.temporaryDirectory() + "/data"
        _ = try ContactVault(dataDirectory: directory)
        let keyPath = directory + "/" + ContactVault.keyFileName
        #expect(try Self.mode(keyPath) == 0o600)
        #expect(try Self.mode(directory) == 0o700)
        #expect((try FileManager.default.attributesOfItem(atPath: keyPath)[.size] as? NSNumber)?.intValue == 32)
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == [ContactVault.keyFileName])
    }

    @Test func aSecondInstanceReadsTheSameKey() throws {
        let directory = Self.temporaryDirectory()
        let first = try ContactVault(dataDirectory: directory)
        let key = try Data(contentsOf: URL(fileURLWithPath: directory + "/contact.key"))
        let second = try ContactVault(dataDirectory: directory)
        #expect(try second.open(first.seal(contact)) == contact)
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/contact.key")) == key)
    }

    @Test func anotherKeyCannotOpenIt() throws {
        let sealed = try ContactVault(dataDirectory: Self.temporaryDirectory()).seal(contact)
        let other = try ContactVault(dataDirectory: Self.temporaryDirectory())
        #expect(throws: ContactVaultError.authenticationFailed) { try other.open(sealed) }
    }

    @Test func anyChangedByteFailsToOpen() throws {
        let vault = try ContactVault(dataDirectory: Self.temporaryDirectory())
        let sealed = try vault.seal(contact)
        // The nonce, the ciphertext and the tag: every position is checked.
        for position in 1..<sealed.count {
            var tampered = sealed
            tampered[position] ^= 0x01
            #expect(throws: ContactVaultError.authenticationFailed) { try vault.open(tampered) }
        }
        var version = sealed
        version[0] = 2
        #expect(throws: ContactVaultError.unsupportedVersion(2)) { try vault.open(version) }
        #expect(throws: ContactVaultError.truncated) { try vault.open(sealed.prefix(20)) }
        #expect(throws: ContactVaultError.truncated) { try vault.open(Data()) }
        #expect(throws: ContactVaultError.authenticationFailed) { try vault.open(sealed.dropLast()) }
    }

    /// Chosen: a key file the group or others may read is refused, not tightened - it may
    /// have been copied, and only the operator can judge that.
    @Test func aKeyFileOthersMayReadIsRefusedNotTightened() throws {
        let directory = Self.temporaryDirectory()
        _ = try ContactVault(dataDirectory: directory)
        let keyPath = directory + "/contact.key"
        for mode in [0o640, 0o604, 0o644, 0o660] as [Int] {
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: keyPath)
            #expect(throws: ContactVaultError.keyFileNotPrivate(path: keyPath, mode: UInt16(mode))) {
                try ContactVault(dataDirectory: directory)
            }
            #expect(try Self.mode(keyPath) == UInt16(mode), "the mode is left for the operator")
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: keyPath)
        _ = try ContactVault(dataDirectory: directory)
        #expect("\(ContactVaultError.keyFileNotPrivate(path: keyPath, mode: 0o644))".contains("chmod 600"))
    }

    @Test func aLinkedOrWrongSizedKeyFileIsRefused() throws {
        let directory = Self.temporaryDirectory()
        let elsewhere = Self.temporaryDirectory()
        _ = try ContactVault(dataDirectory: elsewhere)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let keyPath = directory + "/contact.key"
        try FileManager.default.createSymbolicLink(atPath: keyPath, withDestinationPath: elsewhere + "/contact.key")
        #expect(throws: ContactVaultError.keyFileNotRegular(path: keyPath)) { try ContactVault(dataDirectory: directory) }

        try FileManager.default.removeItem(atPath: keyPath)
        #expect(FileManager.default.createFile(atPath: keyPath, contents: Data(repeating: 1, count: 16), attributes: [.posixPermissions: 0o600]))
        #expect(throws: ContactVaultError.keyFileWrongSize(path: keyPath, size: 16)) { try ContactVault(dataDirectory: directory) }
    }

    @Test func theVaultNeverDescribesItsKey() throws {
        let directory = Self.temporaryDirectory()
        let vault = try ContactVault(dataDirectory: directory)
        let key = try Data(contentsOf: URL(fileURLWithPath: directory + "/contact.key"))
        let text = "\(vault) \(String(reflecting: vault))"
        #expect(text.contains("redacted"))
        #expect(!text.contains(Hex.encode(key)))
    }
}
