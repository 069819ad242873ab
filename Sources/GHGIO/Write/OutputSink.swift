import Foundation
import GHGCore

/// Where a renderer's bytes go: a file (hashed as it is written) or memory. Renderers write in chunks, so a
/// national-scale output never needs to be held whole.
protocol OutputSink {
    /// Appends bytes.
    mutating func write(_ bytes: UnsafeRawBufferPointer)
}

extension OutputSink {
    /// Appends the bytes of an array.
    mutating func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { write($0) }
    }
}

/// Collects bytes in memory (golden tests, `verify`).
struct MemorySink: OutputSink {
    var bytes: [UInt8] = []
    mutating func write(_ b: UnsafeRawBufferPointer) { bytes.append(contentsOf: b) }
    var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Writes bytes to a file and hashes them on the way: large chunks straight from the writer's buffer, small ones
/// gathered to about a megabyte first.
final class FileSink: OutputSink {
    private let fd: Int32
    private let path: String
    private var hasher = SHA256()
    private var pending: [UInt8] = []
    private(set) var count = 0
    private var failure: Int32 = 0

    init(path: String) throws {
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        self.path = path
        guard fd >= 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        pending.reserveCapacity(1 << 20)
    }

    deinit { if fd >= 0 { close(fd) } }

    func write(_ bytes: UnsafeRawBufferPointer) {
        if bytes.count >= 1 << 20 {
            flush()
            put(bytes)
        } else {
            pending.append(contentsOf: bytes)
            if pending.count >= 1 << 20 { flush() }
        }
    }

    private func flush() {
        guard !pending.isEmpty else { return }
        pending.withUnsafeBytes { put($0) }
        pending.removeAll(keepingCapacity: true)
    }

    private func put(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bytes)
        count += bytes.count
        var done = 0
        while done < bytes.count && failure == 0 {
            let n = Foundation.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno != EINTR { failure = errno }
                continue
            }
            done += n
        }
    }

    /// Flushes, closes and returns the SHA-256 of everything written, hex.
    func finish() throws -> String {
        flush()
        if failure != 0 {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path,
                                                           NSLocalizedDescriptionKey: String(cString: strerror(failure))])
        }
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
