import Foundation

/// The bytes of an input file, read-only: mapped from the page cache when the file is large (no copy, no zeroed
/// pages), else read into memory this object owns.
final class FileBytes: @unchecked Sendable {
    /// The bytes, valid for the object's lifetime.
    let buffer: UnsafeBufferPointer<UInt8>
    private let mapped: Bool

    /// Files from this size on are mapped.
    static let mapThreshold = 1 << 20

    /// The bytes of a regular file, or nil when it cannot be read.
    init?(path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(st.st_size)
        if size >= Self.mapThreshold,
           let p = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), p != MAP_FAILED {
            mapped = true
            buffer = UnsafeBufferPointer(start: UnsafePointer(p.assumingMemoryBound(to: UInt8.self)), count: size)
            return
        }
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
        mapped = false
        buffer = UnsafeBufferPointer(start: storage, count: size)
    }

    deinit {
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: buffer.baseAddress!), buffer.count)
        } else {
            UnsafeMutablePointer(mutating: buffer.baseAddress!).deallocate()
        }
    }
}
