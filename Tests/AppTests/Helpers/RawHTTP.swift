import Foundation

/// A bare TCP client for what real HTTP clients refuse to send: broken chunked framing, a
/// request cut off halfway. Blocking socket calls run on a Dispatch thread, never on the
/// concurrency pool that the server under test shares.
enum RawHTTP {
    struct Exchange {
        /// Everything the server sent before it closed or the wait ended.
        var received: String
        /// True when the server closed the connection; false when the wait ran out first.
        var closedByServer: Bool
        /// How long after the last byte was sent the exchange ended.
        var elapsed: TimeInterval
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Connects to 127.0.0.1:`port`, sends `bytes` (and nothing more: the connection stays
    /// open for writing), then reads until the server closes or `wait` seconds pass.
    static func exchange(port: Int, send bytes: [UInt8], wait: TimeInterval) async throws -> Exchange {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try blockingExchange(port: port, send: bytes, wait: wait) })
            }
        }
    }

    static func exchange(port: Int, send text: String, wait: TimeInterval) async throws -> Exchange {
        try await exchange(port: port, send: Array(text.utf8), wait: wait)
    }

    private static func blockingExchange(port: Int, send bytes: [UInt8], wait: TimeInterval) throws -> Exchange {
        #if os(Linux)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Failure(description: "socket: \(errno)") }
        defer { close(fd) }

        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr = in_addr(s_addr: inet_addr("127.0.0.1"))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(description: "connect: \(errno)") }

        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { throw Failure(description: "send: \(errno)") }
            sent += n
        }

        // Short receive timeouts, so the deadline is checked between reads.
        var slice = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &slice, socklen_t(MemoryLayout<timeval>.size))
        let start = Date()
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date().timeIntervalSince(start) < wait {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                received += buffer[0..<n]
            } else if n == 0 || errno == ECONNRESET {
                return Exchange(received: String(decoding: received, as: UTF8.self), closedByServer: true, elapsed: Date().timeIntervalSince(start))
            } else if errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR {
                throw Failure(description: "recv: \(errno)")
            }
        }
        return Exchange(received: String(decoding: received, as: UTF8.self), closedByServer: false, elapsed: Date().timeIntervalSince(start))
    }
}

extension RawHTTP.Exchange {
    /// The status code of the first response, if one arrived.
    var status: Int? {
        guard received.hasPrefix("HTTP/1.1 ") else { return nil }
        return Int(received.dropFirst("HTTP/1.1 ".count).prefix(3))
    }

    /// The first response's body (everything after the blank line ending its head).
    var body: String {
        guard let range = received.range(of: "\r\n\r\n") else { return "" }
        return String(received[range.upperBound...])
    }

    func header(_ name: String) -> String? {
        let head = received.components(separatedBy: "\r\n\r\n").first ?? ""
        for line in head.components(separatedBy: "\r\n").dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == name.lowercased() { return parts[1].trimmingCharacters(in: .whitespaces) }
        }
        return nil
    }
}
