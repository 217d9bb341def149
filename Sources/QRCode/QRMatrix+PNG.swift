import CQRencode

extension QRMatrix {
    /// A 1-bit greyscale PNG, `scale` pixels per module, with the quiet zone. Compressed at
    /// zlib level 6: the image is mostly runs, so a faster level costs little size.
    public func png(scale: Int = 8, quietZone: Int = 4) throws(QRCodeError) -> [UInt8] {
        let scale = max(1, min(scale, 40))
        let side = (size + 2 * quietZone) * scale
        let rowBytes = (side + 7) / 8
        var raw = [UInt8](repeating: 0, count: (rowBytes + 1) * side)
        for py in 0..<side {
            let rowStart = py * (rowBytes + 1)
            raw[rowStart] = 0  // filter type None
            let my = py / scale - quietZone
            for px in 0..<side {
                let mx = px / scale - quietZone
                let dark = mx >= 0 && my >= 0 && mx < size && my < size && self[mx, my]
                // In greyscale, bit 1 is white.
                if !dark { raw[rowStart + 1 + px / 8] |= 0x80 >> UInt8(px % 8) }
            }
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header = [UInt8]()
        header.appendBigEndian(UInt32(side))
        header.appendBigEndian(UInt32(side))
        header += [1, 0, 0, 0, 0]  // bit depth 1, greyscale, deflate, no filter set, no interlace
        png.appendChunk("IHDR", header)
        png.appendChunk("IDAT", try Self.deflate(raw))
        png.appendChunk("IEND", [])
        return png
    }

    private static func deflate(_ input: [UInt8]) throws(QRCodeError) -> [UInt8] {
        var length = compressBound(uLong(input.count))
        var output = [UInt8](repeating: 0, count: Int(length))
        let status = output.withUnsafeMutableBufferPointer { out in
            input.withUnsafeBufferPointer { inp in
                compress2(out.baseAddress, &length, inp.baseAddress, uLong(inp.count), 6)
            }
        }
        guard status == Z_OK else { throw .tooLong }
        return Array(output.prefix(Int(length)))
    }
}

extension [UInt8] {
    fileprivate mutating func appendBigEndian(_ value: UInt32) {
        append(contentsOf: [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)])
    }

    fileprivate mutating func appendChunk(_ type: String, _ data: [UInt8]) {
        appendBigEndian(UInt32(data.count))
        let typed = Array(type.utf8) + data
        append(contentsOf: typed)
        let crc = typed.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        appendBigEndian(UInt32(crc))
    }
}
