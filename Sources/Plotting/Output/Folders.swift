import Foundation

/// Folders made with mkdir(2) directly, so a failure has its real reason (`Not a directory`,
/// `Permission denied`) instead of Foundation's `NSCocoaErrorDomain` text.
public enum Folders {
    /// Creates `path` and its missing parents; the reason it could not, or nil on success.
    public static func create(_ path: String) -> String? {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + part
            if mkdir(prefix, 0o777) == 0 { continue }
            let err = errno
            var st = stat()
            if err == EEXIST, stat(prefix, &st) == 0 {
                if (st.st_mode & S_IFMT) == S_IFDIR { continue }
                return String(cString: strerror(ENOTDIR))
            }
            return String(cString: strerror(err))
        }
        return nil
    }
}
