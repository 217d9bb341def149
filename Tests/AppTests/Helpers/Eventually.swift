import Foundation

/// Waits until `condition` holds, up to `seconds`: a browser's click on a form's button can
/// return before the posted answer has loaded, so a check straight after it races the server.
/// Returns whether it held, for the test's own #expect.
func eventually(seconds: Double = 5, _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(100))
    }
    return try await condition()
}
