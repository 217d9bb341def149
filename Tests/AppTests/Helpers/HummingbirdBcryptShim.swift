import HummingbirdBcrypt

/// bcrypt at the lowest cost, for accounts made directly in the database by tests.
enum HummingbirdBcryptShim {
    static func hash(_ password: String) -> String { HummingbirdBcrypt.Bcrypt.hash(password, cost: 4) }
}
