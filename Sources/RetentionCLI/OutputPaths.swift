#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Ingest
import Publishing

/// The files a run will write, checked against the files it reads before anything is written:
/// an output may not be the same file as an input (same device and inode, so another path,
/// `./`, `..` or a link to the input is caught too), a folder the run replaces (an archive
/// period) may not hold an input, and two outputs may not be one file.
struct OutputPaths {
    /// (option, path) of each output file, e.g. ("--out", "Output/report.html").
    var files: [(option: String, path: String)] = []
    /// (option, path) of each folder the run replaces as a whole.
    var replacedFolders: [(option: String, path: String)] = []

    /// Throws a usage error naming the option and the input when an output would overwrite one.
    func check(inputs: [(option: String, path: String)]) throws {
        let inputIDs = inputs.compactMap { input in Self.identity(input.path).map { (input, $0) } }
        var seen: [(option: String, path: String, id: FileIdentity)] = []
        for output in files {
            // A file that does not exist yet is a new inode: it can only clash by name.
            let id = Self.identity(output.path)
            if let id, let input = inputIDs.first(where: { $0.1 == id })?.0 {
                throw CommandFailure(
                    message: "\(output.path): error: \(output.option) is the same file as the input \(input.path) "
                        + "(\(input.option)); writing it would destroy the input; choose another output path",
                    status: .usage)
            }
            let key = id ?? FileIdentity(device: 0, inode: 0, path: Self.normalized(output.path))
            if let earlier = seen.first(where: { $0.id == key }) {
                throw CommandFailure(
                    message: "\(output.path): error: \(output.option) and \(earlier.option) name the same file; "
                        + "give each output its own path",
                    status: .usage)
            }
            seen.append((output.option, output.path, key))
        }
        for folder in replacedFolders {
            guard let folderID = Self.identity(folder.path) else { continue }
            for (input, _) in inputIDs where Self.ancestors(of: input.path).contains(folderID) {
                throw CommandFailure(
                    message: "\(folder.path): error: \(folder.option) replaces this folder, which holds the input "
                        + "\(input.path) (\(input.option)); move the input elsewhere first",
                    status: .usage)
            }
        }
    }

    struct FileIdentity: Equatable {
        var device: UInt64
        var inode: UInt64
        /// Only for files that do not exist yet (device and inode 0).
        var path = ""
    }

    /// Device and inode of `path` (following links), or nil when it does not exist.
    static func identity(_ path: String) -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// The identities of every folder containing `path`, up to the root.
    static func ancestors(of path: String) -> [FileIdentity] {
        guard let resolved = realpath(path, nil) else { return [] }
        defer { free(resolved) }
        var current = String(cString: resolved)
        var result: [FileIdentity] = []
        while let slash = current.lastIndex(of: "/"), current != "/" {
            current = slash == current.startIndex ? "/" : String(current[..<slash])
            if let id = identity(current) { result.append(id) }
        }
        return result
    }

    /// `a//b/./c` → `a/b/c` (names only; used for outputs that do not exist yet).
    static func normalized(_ path: String) -> String {
        let parts = path.split(separator: "/").filter { $0 != "." }
        return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }
}

extension OutputPaths {
    /// `retention report`'s outputs and inputs, checked before its first write. `--previous` is
    /// not an input here: it is read completely before anything is written, so
    /// `--previous m.json --metrics-json m.json` rolls one file forward.
    static func checkReport(_ args: ParsedArguments, inputs: InputPlan, periodLabel: String, defaultOutput: String) throws {
        var outputs = OutputPaths()
        outputs.files.append(("--out", args.value("out") ?? defaultOutput))
        for option in ["metrics-json", "dump-context", "eml"] {
            if let path = args.value(option) { outputs.files.append(("--" + option, path)) }
        }
        if let directory = args.value("publish") {
            let archive = ArchiveLayout(directory: directory)
            outputs.files += [("--publish", archive.indexPath), ("--publish", archive.reportPath(periodLabel)),
                              ("--publish", archive.metricsPath(periodLabel))]
            outputs.replacedFolders.append(("--publish", archive.periodFolder(periodLabel)))
        }
        var read: [(option: String, path: String)] = []
        for file in inputs.files { read.append(("--" + file.recognition.entity.rawValue, file.path)) }
        if let config = args.value("config") { read.append(("--config", config)) }
        try outputs.check(inputs: read)
    }
}
