import Foundation
import GHGCore

/// Where a renderer's bytes go: a file (hashed as it is written) or memory. Renderers write in chunks, so a
/// national-scale output never needs to be held whole.
protocol OutputSink {
    /// Appends bytes.
    mutating func write(_ bytes: [UInt8])
}

/// Collects bytes in memory (golden tests, `verify`).
struct MemorySink: OutputSink {
    var bytes: [UInt8] = []
    mutating func write(_ b: [UInt8]) { bytes += b }
    var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Writes bytes to a file and hashes them on the way, in chunks of about a megabyte.
final class FileSink: OutputSink {
    private let handle: FileHandle
    private var hasher = SHA256()
    private var pending: [UInt8] = []
    private(set) var count = 0

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let h = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        handle = h
        pending.reserveCapacity(1 << 21)
    }

    func write(_ bytes: [UInt8]) {
        pending += bytes
        if pending.count >= 1 << 20 { flush() }
    }

    private func flush() {
        guard !pending.isEmpty else { return }
        hasher.update(pending)
        handle.write(Data(pending))
        count += pending.count
        pending.removeAll(keepingCapacity: true)
    }

    /// Flushes, closes and returns the SHA-256 of everything written, hex.
    func finish() throws -> String {
        flush()
        try handle.close()
        return SHA256.hexString(hasher.finalize())
    }
}

/// Byte-level formatting for large outputs: one number formatter (``DecimalFormat``), CSV escaping of text.
extension Array where Element == UInt8 {
    @inline(__always) mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { append(contentsOf: $0) }
    }

    @inline(__always) mutating func append(number x: Double) { DecimalFormat.append(x, to: &self) }

    @inline(__always) mutating func append(int x: Int) {
        if x >= 0 && x < 10 { append(UInt8(48 + x)); return }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)   // 24 bytes: enough for any Int with its sign
        Swift.withUnsafeMutableBytes(of: &digits) { d in
            var n = x.magnitude
            var i = d.count
            repeat {
                i -= 1
                d[i] = UInt8(48 + n % 10)
                n /= 10
            } while n > 0
            if x < 0 { i -= 1; d[i] = 0x2D }
            append(contentsOf: UnsafeRawBufferPointer(rebasing: d[i...]))
        }
    }

    /// A CSV field, quoted when it contains a comma, quote, CR or LF.
    mutating func append(csv s: String) { append(CSVWriter.escape(s)) }
}
