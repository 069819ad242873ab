import Foundation
import GHGCore

/// The bytes of an input file, read-only: mapped from the page cache when the file is large (no copy, no zeroed
/// pages), else read into memory this object owns.
final class FileBytes: @unchecked Sendable {
    /// The bytes, valid for the object's lifetime.
    let buffer: UnsafeBufferPointer<UInt8>
    private let mapped: Bool
    /// The encoding the file was converted from (nil: it was UTF-8); then `buffer` holds the converted text.
    private(set) var converted: InputEncoding.Found?
    /// The SHA-256 of the file's own bytes when it was converted (the manifest hashes what is on disk).
    private(set) var originalSHA256: String?

    /// Files from this size on are mapped.
    static let mapThreshold = 1 << 20

    /// Why a path cannot be read as an input file (a dangling link, a folder, a pipe or device, no permission), or
    /// nil when it is a readable regular file.
    static func problem(_ path: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else {
            var lst = stat()
            return lstat(path, &lst) == 0 ? "a link to a file that does not exist" : "missing"
        }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return access(path, R_OK) == 0 ? nil : "not readable (permission denied)"
        case S_IFDIR: return "a folder, not a file"
        case S_IFIFO: return "a pipe (FIFO), not a file"
        default: return "a device or socket, not a file"
        }
    }

    /// The bytes of a regular file, or nil when it cannot be read.
    init?(path: String) {
        // Non-blocking, so that a FIFO never stalls the reader (a regular file ignores the flag).
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(st.st_size)
        var raw: UnsafeBufferPointer<UInt8>
        var isMapped = false
        if size >= Self.mapThreshold,
           let p = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), p != MAP_FAILED {
            raw = UnsafeBufferPointer(start: UnsafePointer(p.assumingMemoryBound(to: UInt8.self)), count: size)
            isMapped = true
        } else {
            let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: max(size, 1))
            var done = 0
            while done < size {
                let n = Foundation.read(fd, storage + done, size - done)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                done += n
            }
            guard done == size else {
                storage.deallocate()
                return nil
            }
            raw = UnsafeBufferPointer(start: UnsafePointer(storage), count: size)
        }
        // Text in another encoding (GBK, UTF-16) is converted once; the file's own bytes are hashed for the manifest.
        if let (text, found) = InputEncoding.utf8(raw) {
            originalSHA256 = SHA256.hex(Array(raw))
            Self.release(raw, mapped: isMapped)
            let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: max(text.count, 1))
            copy.initialize(from: text, count: text.count)
            raw = UnsafeBufferPointer(start: copy, count: text.count)
            isMapped = false
            converted = found
        }
        mapped = isMapped
        buffer = raw
    }

    /// Unmaps or frees a buffer.
    private static func release(_ b: UnsafeBufferPointer<UInt8>, mapped: Bool) {
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: b.baseAddress!), b.count)
        } else {
            UnsafeMutablePointer(mutating: b.baseAddress!).deallocate()
        }
    }

    deinit { Self.release(buffer, mapped: mapped) }
}
