import Foundation
import XCTest

/// Outputs, signals, memory limits and visual-diff inputs through the real binary: non-regular
/// output targets, names at NAME_MAX, temporary files after SIGTERM/SIGINT and after SIGKILL,
/// a full disk, `ulimit -v`, unreadable PDFs, page counts, manifest errors.
final class HardeningOutputCLITests: XCTestCase {
    static let root = HardeningCLITests.root
    static let corpus = root.appendingPathComponent("Tests/CLITests/Corpus")
    static let minimal = root.appendingPathComponent("Fixtures/minimal.yaml").path
    var tmp: URL!

    override func setUpWithError() throws {
        tmp = FileManager.default.temporaryDirectory.appendingPathComponent("cp-hout-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: tmp) }

    func files(_ dir: URL) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted() }
    func temporaryFiles(_ dir: URL) -> [String] { files(dir).filter { $0.hasSuffix(".tmp") } }
    func fileType(_ path: String) -> mode_t { var st = stat(); return lstat(path, &st) == 0 ? st.st_mode & S_IFMT : 0 }

    /// A symbolic link to /dev/null, a FIFO and a FIFO inside a render folder are refused (exit 1,
    /// "not a regular file") and left as they were.
    func testNonRegularOutputTargetsAreRefused() throws {
        let doc = tmp.appendingPathComponent("doc.yaml")
        try Data("document: {title: T}\nblocks:\n  - paragraph: Hello\n".utf8).write(to: doc)
        let link = tmp.appendingPathComponent("null.pdf").path
        XCTAssertEqual(symlink("/dev/null", link), 0)
        let r = try CLITests.run(["handout", doc.path, "-o", link])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("\(link):1:1: cannot write (not a regular file"), r.stderr)
        XCTAssertEqual(fileType(link), S_IFLNK)
        XCTAssertEqual(fileType("/dev/null"), S_IFCHR)
        let fifo = tmp.appendingPathComponent("pipe.pdf").path
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        XCTAssertEqual(try CLITests.run(["handout", doc.path, "-o", fifo]).status, 1)
        XCTAssertEqual(fileType(fifo), S_IFIFO)
        let out = tmp.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        XCTAssertEqual(mkfifo(out.appendingPathComponent("minimal.png").path, 0o644), 0)
        let render = try CLITests.run(["render", Self.minimal, "--out", out.path])
        XCTAssertEqual(render.status, 1, render.stderr)
        XCTAssertTrue(render.stderr.contains("minimal.png:1:1: cannot write (not a regular file"), render.stderr)
        XCTAssertEqual(fileType(out.appendingPathComponent("minimal.png").path), S_IFIFO)
        XCTAssertEqual(temporaryFiles(out), [])
    }

    /// A render that writes nothing leaves no folder it made behind (an existing one stays); one
    /// that writes something keeps its folders.
    func testAFailedRenderLeavesNoNewFolder() throws {
        let bad = tmp.appendingPathComponent("bad.yaml")
        try Data("data:\n  blobs: {samples: 20, centers: 2}\npanels:\n  - layers: [{mark: scatter, size: -1}]\n".utf8).write(to: bad)
        let deep = tmp.appendingPathComponent("new/deeper/out")
        let r = try CLITests.run(["render", bad.path, "--out", deep.path])
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertEqual(files(tmp), ["bad.yaml"], "no folder left of new/deeper/out")
        let existing = tmp.appendingPathComponent("existing")
        try FileManager.default.createDirectory(at: existing, withIntermediateDirectories: true)
        XCTAssertEqual(try CLITests.run(["render", bad.path, "--out", existing.path]).status, 2)
        XCTAssertEqual(fileType(existing.path), S_IFDIR, "a folder that was there stays")
        let mixed = try CLITests.run(["render", bad.path, Self.minimal, "--out", deep.path])
        XCTAssertEqual(mixed.status, 2, mixed.stderr)
        XCTAssertEqual(files(deep), ["minimal.png"])
    }

    /// A name that fits NAME_MAX (255 bytes with its extension) is written; its temporary name
    /// would not fit, so a short one is used.
    func testNameAtNameMaxIsWritten() throws {
        let name = String(repeating: "n", count: 251)
        let r = try CLITests.run(["render", Self.minimal, "--out", tmp.path, "--set", "output.name=\(name)"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(files(tmp), ["\(name).png"])
    }

    /// Temporary files of dead writers (a SIGKILLed run) are swept by the next write into the
    /// folder; those of live processes and other hidden files are kept.
    func testStaleTemporaryFilesAreSwept() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run()
        p.waitUntilExit()
        let dead = p.processIdentifier
        let names = [".minimal.png.\(dead).12345.tmp", ".\(dead).99.tmp", ".minimal.png.\(getpid()).7.tmp", ".keep", ".x.\(dead).notanumber.tmp"]
        for n in names { try Data().write(to: tmp.appendingPathComponent(n)) }
        let r = try CLITests.run(["render", Self.minimal, "--out", tmp.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(files(tmp), [".keep", ".minimal.png.\(getpid()).7.tmp", ".x.\(dead).notanumber.tmp", "minimal.png"].sorted())
    }

    /// SIGTERM and SIGINT at any moment of a render leave no temporary file behind.
    func testSignalsLeaveNoTemporaryFiles() throws {
        let config = Self.root.appendingPathComponent("Fixtures/configs/iterations.yaml").path
        for (i, delay) in [0.05, 0.2, 0.4, 0.7, 1.0, 1.5].enumerated() {
            let out = tmp.appendingPathComponent("run\(i)")
            let p = Process()
            p.executableURL = CLITests.binary
            p.arguments = ["render", config, "--out", out.path, "--format", "png,pdf,svg", "--dpi", "150", "-q"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            Thread.sleep(forTimeInterval: delay)
            kill(p.processIdentifier, i % 2 == 0 ? SIGTERM : SIGINT)
            p.waitUntilExit()
            XCTAssertEqual(temporaryFiles(out), [], "after a signal at \(delay) s")
            if p.terminationReason == .uncaughtSignal {
                XCTAssertEqual(p.terminationStatus, i % 2 == 0 ? SIGTERM : SIGINT)
            }
        }
    }

    /// A disk that fills part-way through a config: exit 1, the summary counts the file that was
    /// written, no temporary file is left.
    func testFullDiskSummaryCountsWhatWasWritten() throws {
        let mnt = tmp.appendingPathComponent("small")
        try FileManager.default.createDirectory(at: mnt, withIntermediateDirectories: true)
        let m = try GoldenCLITests.run(["--version"])   // the binary exists
        XCTAssertEqual(m.status, 0)
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=56k", "tmpfs", mnt.path]
        mount.standardError = FileHandle.nullDevice
        guard (try? mount.run()) != nil else { throw XCTSkip("mount is not available") }
        mount.waitUntilExit()
        guard mount.terminationStatus == 0 else { throw XCTSkip("cannot mount a small tmpfs here (not root?)") }
        defer {
            let u = Process()
            u.executableURL = URL(fileURLWithPath: "/bin/umount")
            u.arguments = [mnt.path]
            try? u.run()
            u.waitUntilExit()
        }
        // minimal.png is about 41 kB and fits; minimal.pdf (27 kB) then does not.
        let r = try CLITests.run(["render", Self.minimal, "--out", mnt.path, "--format", "png,pdf,svg"])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("cannot write (No space left on device)"), r.stderr)
        XCTAssertEqual(files(mnt), ["minimal.png"])
        XCTAssertTrue(r.stdout.hasPrefix("rendered 0 of 1 config (1 file in \(mnt.path))"), r.stdout)
    }

    /// Runs the binary under `ulimit -v KB`.
    func runLimited(_ kb: Int, _ args: [String], mustExit: Bool = true) throws -> (status: Int32, stdout: String, stderr: String) {
        let quoted = ([CLITests.binary.path] + args).map { "'\($0.replacingOccurrences(of: "'", with: "'\\''"))'" }.joined(separator: " ")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "ulimit -v \(kb) && exec \(quoted)"]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        if mustExit { XCTAssertEqual(p.terminationReason, .exit, "killed by a signal: \(String(decoding: e, as: UTF8.self))") }
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// Under a small address-space limit, large but legal inputs end with one clean line.
    func testSmallAddressSpaceGivesCleanErrors() throws {
        // A 4 GB (sparse) config and CSV file: probing the read fails before anything is allocated.
        let big = tmp.appendingPathComponent("big.yaml").path
        XCTAssertEqual(truncate(big, 0), -1)   // not there yet
        FileManager.default.createFile(atPath: big, contents: nil)
        XCTAssertEqual(truncate(big, 4_000_000_000), 0)
        let r = try runLimited(1_500_000, ["validate", big])
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertTrue(r.stderr.contains("\(big):1:1: cannot read the config (not enough memory to read its 4.0 GB)"), r.stderr)
        // Two 6000×6000 PNGs: the second decode does not fit.
        for (name, title) in [("a", "A"), ("b", "B")] {
            let g = try CLITests.run(["render", Self.minimal, "--out", tmp.path, "--set", "figure.size=[60, 60]",
                                      "--set", "output.name=\(name)", "--set", "figure.suptitle=\(title)"])
            XCTAssertEqual(g.status, 0, g.stderr)
        }
        let c = try runLimited(450_000, ["compare", tmp.appendingPathComponent("a.png").path, tmp.appendingPathComponent("b.png").path])
        XCTAssertEqual(c.status, 2, c.stderr)
        XCTAssertTrue(c.stderr.contains("not enough memory to decode 6000×6000 pixels"), c.stderr)
    }

    /// 10 million points under a 1 GB limit: the data step's probe (`DataSpec.load`) turns the
    /// allocation into one located line and exit 1, for `data` and for `render`.
    func testDataStepUnderSmallAddressSpace() throws {
        let config = tmp.appendingPathComponent("points.yaml")
        try Data("data:\n  blobs: {samples: 10000000, centers: 3, features: 5, seed: 1}\npanels:\n  - layers: [{mark: scatter}]\n".utf8).write(to: config)
        let probe = try runLimited(1_000_000, ["data", config.path, "--compact"], mustExit: false)
        XCTAssertEqual(probe.status, 1, probe.stderr)
        XCTAssertEqual(probe.stderr.split(separator: "\n").count, 1, probe.stderr)
        XCTAssertTrue(probe.stderr.hasPrefix("\(config.path):2:"), probe.stderr)
        XCTAssertTrue(probe.stderr.contains("not enough memory: the JSON of 10000000 rows needs about"), probe.stderr)
        let out = tmp.appendingPathComponent("out")
        let render = try runLimited(1_000_000, ["render", config.path, "--out", out.path], mustExit: false)
        XCTAssertEqual(render.status, 1, render.stderr)
        XCTAssertTrue(render.stderr.contains("not enough memory"), render.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("points.png").path))
    }
}
