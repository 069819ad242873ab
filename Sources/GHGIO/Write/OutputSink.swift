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

/// Writes bytes to a file and hashes them on the way, in blocks of 8 MiB.
///
/// The first block goes through the page cache like any write. From the second block on, on Linux, the file is
/// switched to direct I/O (`O_DIRECT`): the blocks go from this sink's page-aligned buffer to the disk without
/// being copied into freshly allocated page-cache memory, which on virtual machines costs more than formatting the
/// text (measured on the 2-core build machine: writing 1 GB through the page cache took 0.3–4.1 s of system time,
/// direct 0.14 s). The tail that does not fill a 4 KiB sector is written buffered again. A file system that refuses
/// direct I/O (tmpfs, some network file systems) answers `EINVAL`, and the sink stays buffered; the bytes on disk
/// are the same either way. Outputs smaller than one block never use direct I/O.
final class FileSink: OutputSink {
    private let fd: Int32
    private let path: String
    private var hasher = SHA256()
    /// Bytes handed to the sink so far.
    private(set) var count = 0
    private var failure: Int32 = 0
    /// The staging block: page-aligned, `FileSink.block` bytes.
    private let stage: UnsafeMutableRawPointer
    private var staged = 0
    /// Bytes in the file so far.
    private var written = 0
    /// Whether the descriptor has `O_DIRECT` set now; whether it may still be tried.
    private var direct = false
    private var mayGoDirect: Bool

    /// The size of a staged block; a multiple of every sector size direct I/O asks for.
    static let block = 8 << 20
    /// The alignment direct I/O needs for buffers, offsets and lengths (the page size covers every sector size).
    static let alignment = 4096

    init(path: String) throws {
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        self.path = path
        guard fd >= 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        stage = UnsafeMutableRawPointer.allocate(byteCount: Self.block, alignment: Self.alignment)
        mayGoDirect = Self.directFlag != 0
    }

    deinit {
        if fd >= 0 { close(fd) }
        stage.deallocate()
    }

    func write(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bytes)
        count += bytes.count
        var from = 0
        while from < bytes.count {
            let n = min(bytes.count - from, Self.block - staged)
            (stage + staged).copyMemory(from: bytes.baseAddress! + from, byteCount: n)
            staged += n
            from += n
            if staged == Self.block { emit(block: true) }
        }
    }

    /// Writes the staged bytes: a full block (direct from the second one on), or the tail at the end.
    private func emit(block: Bool) {
        guard staged > 0 else { return }
        if block {
            if written >= Self.block && mayGoDirect && !direct { setDirect(true) }
            put(UnsafeRawBufferPointer(start: stage, count: staged))
        } else {
            // The tail: its whole sectors direct (when direct), the rest buffered.
            let whole = direct ? staged & ~(Self.alignment - 1) : 0
            if whole > 0 { put(UnsafeRawBufferPointer(start: stage, count: whole)) }
            if direct { setDirect(false) }
            if staged > whole { put(UnsafeRawBufferPointer(start: stage + whole, count: staged - whole)) }
        }
        staged = 0
    }

    private func setDirect(_ on: Bool) {
        #if os(Linux)
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0, fcntl(fd, F_SETFL, on ? flags | Self.directFlag : flags & ~Self.directFlag) == 0 {
            direct = on
        } else if on {
            mayGoDirect = false
        }
        #endif
    }

    private func put(_ bytes: UnsafeRawBufferPointer) {
        var done = 0
        while done < bytes.count && failure == 0 {
            let n = Foundation.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINVAL && direct {
                    // The file system takes the flag but not the transfer: back to buffered for good (and a
                    // descriptor that cannot be switched back is a failure, not a loop).
                    setDirect(false)
                    mayGoDirect = false
                    if direct { failure = EINVAL }
                } else if errno != EINTR {
                    failure = errno
                }
                continue
            }
            done += n
        }
        written += done
    }

    /// `O_DIRECT` of Linux (the C library headers do not export it to Swift): 0o40000 on x86-64, 0o200000 on
    /// 64-bit ARM (the kernel's `asm-generic/fcntl.h` and `arch/arm64/include/uapi/asm/fcntl.h`); 0 elsewhere.
    static var directFlag: Int32 {
        #if os(Linux) && arch(x86_64)
        return 0o40000
        #elseif os(Linux) && arch(arm64)
        return 0o200000
        #else
        return 0
        #endif
    }

    /// Writes what is staged and returns the SHA-256 of everything written, hex (the file is closed when the sink
    /// is released).
    func finish() throws -> String {
        emit(block: false)
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
