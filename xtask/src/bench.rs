//! `cargo xtask bench`: whole-process timings of the release binary, medians of several runs,
//! beside the peers (openapi-typescript for TypeScript, widdershins for Markdown) on the same
//! specs. Peers and GitHub's REST description come pinned from tools/bench (npm ci).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Whole-process runs of ours per figure: a shared 2-core machine is noisy, the runs are short.
const RUNS: usize = 11;
const PEER_RUNS: usize = 3;
/// A peer run longer than this is reported as such rather than waited out.
const PEER_TIMEOUT: Duration = Duration::from_secs(600);

struct Case {
    name: &'static str,
    spec: PathBuf,
    /// Swagger 2.0 specs are converted (once, untimed) before the peers see them.
    swagger2: bool,
}

/// One measured command: median wall time and the largest peak resident set seen.
#[derive(Clone, Copy)]
struct Measure {
    median: Duration,
    peak_rss_mb: f64,
}

pub fn run(root: &Path) -> bool {
    let tools = root.join("tools/bench");
    if !crate::tools::install_in(&tools) {
        return false;
    }
    let built = Command::new(env!("CARGO")).args(["build", "--release", "-p", "specweave"]).current_dir(root).status();
    if !built.is_ok_and(|s| s.success()) {
        eprintln!("error: release build failed");
        return false;
    }
    let bin = root.join("target/release/specweave");
    let work = root.join("target/bench");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).expect("target/bench");

    let shared = crate::conformance::shared_dir(root);
    let mut cases = vec![Case { name: "own spec", spec: root.join("specs/workspace-builds.yaml"), swagger2: true }];
    for (name, file) in [("Coder v1", "swagger.v1-00072fa4.json"), ("Coder v2", "swagger.v2-0062275c.json")] {
        cases.push(Case { name, spec: shared.join("specs/coder").join(file), swagger2: true });
    }
    cases.push(Case {
        name: "GitHub REST",
        spec: tools.join("node_modules/@octokit/openapi/generated/api.github.com.json"),
        swagger2: false,
    });

    println!("{:<12} {:>14} {:>10} {:>18} {:>8} {:>16} {:>8}", "spec", "specweave (ms)", "peak MB", "openapi-ts (ms)", "ratio", "widdershins (ms)", "ratio");
    let mut ok = true;
    let mut results = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let out = work.join(format!("out-{i}"));
        let ours = || {
            let mut c = Command::new(&bin);
            c.arg("generate").arg("--spec").arg(&case.spec).arg("--out").arg(&out);
            c
        };
        let peer_spec = if case.swagger2 { convert(&tools, &case.spec, &work.join(format!("oas3-{i}.json"))) } else { Some(case.spec.clone()) };
        let peer = |script: &str, output: String| {
            peer_spec.as_ref().map(|spec| {
                let mut c = Command::new("node");
                c.arg(tools.join(script)).arg(spec).arg("-o").arg(work.join(output));
                c
            })
        };
        let ts = || peer("node_modules/openapi-typescript/bin/cli.js", format!("peer-{i}.ts"));
        let md = || peer("node_modules/widdershins/widdershins.js", format!("peer-{i}.md"));
        let [ours, ts, md] = measure_interleaved([
            Series { runs: RUNS, timeout: None, command: &|| Some(ours()) },
            Series { runs: PEER_RUNS, timeout: Some(PEER_TIMEOUT), command: &ts },
            Series { runs: PEER_RUNS, timeout: Some(PEER_TIMEOUT), command: &md },
        ]);
        let Some(ours) = ours else {
            eprintln!("error: specweave failed on {}", case.name);
            ok = false;
            continue;
        };
        let ratio = |peer: Option<Measure>| peer.map(|p| format!("{:.1}x", p.median.as_secs_f64() / ours.median.as_secs_f64())).unwrap_or_else(|| "-".into());
        let ms = |m: Option<Measure>| m.map(|m| format!("{:.1}", m.median.as_secs_f64() * 1e3)).unwrap_or_else(|| "failed".into());
        println!(
            "{:<12} {:>14.1} {:>10.1} {:>18} {:>8} {:>16} {:>8}",
            case.name,
            ours.median.as_secs_f64() * 1e3,
            ours.peak_rss_mb,
            ms(ts),
            ratio(ts),
            ms(md),
            ratio(md)
        );
        results.push((case.name, ours, ts, md));
    }

    let check_command = || {
        let mut c = Command::new(&bin);
        c.args(["codegen", "--check", "--config"]).arg(root.join("codegen.toml")).current_dir(root);
        Some(c)
    };
    let [check] = measure_interleaved([Series { runs: RUNS, timeout: None, command: &check_command }]);
    match check {
        Some(m) => println!("{:<12} {:>14.1} {:>10.1}   (no-op `codegen --check` on our own spec)", "no-op check", m.median.as_secs_f64() * 1e3, m.peak_rss_mb),
        None => {
            eprintln!("error: the no-op check failed (is generated/ fresh?)");
            ok = false;
        }
    }

    println!("\ntargets (2-core machine):");
    let target = |what: &str, met: bool| println!("  [{}] {what}", if met { "met" } else { "MISSED" });
    for (name, ours, ts, md) in &results {
        match *name {
            "Coder v2" => target("Coder v2, all artifacts <= 100 ms", ours.median <= Duration::from_millis(100)),
            "GitHub REST" => {
                target("GitHub REST, all artifacts <= 1 s", ours.median <= Duration::from_secs(1));
                target("GitHub REST peak memory <= 250 MB", ours.peak_rss_mb <= 250.0);
            }
            _ => {}
        }
        for (peer, m) in [("openapi-typescript", ts), ("widdershins", md)] {
            if let Some(m) = m {
                target(&format!("{name}: >= 10x faster than {peer}"), m.median.as_secs_f64() >= 10.0 * ours.median.as_secs_f64());
            }
        }
    }
    if let Some(m) = check {
        target("no-op --check <= 50 ms", m.median <= Duration::from_millis(50));
    }
    ok
}

/// Converts a Swagger 2.0 spec for the peers with swagger2openapi (untimed).
fn convert(tools: &Path, spec: &Path, out: &Path) -> Option<PathBuf> {
    let status = Command::new("node")
        .arg(tools.join("node_modules/swagger2openapi/swagger2openapi.js"))
        .arg(spec)
        .arg("--patch")
        .arg("-o")
        .arg(out)
        .stdout(Stdio::null())
        .status()
        .ok()?;
    status.success().then(|| out.to_path_buf())
}

/// One command to time: `runs` runs after a warm-up; `None` from `command` means it cannot run.
struct Series<'a> {
    runs: usize,
    timeout: Option<Duration>,
    command: &'a dyn Fn() -> Option<Command>,
}

/// Times the series in rounds, so a machine that speeds up or slows down over the minutes
/// weighs on ours and the peers alike: their ratios are the targets. Round 0 warms every
/// series up; a series of fewer runs than there are rounds runs in rounds spread evenly over
/// them. A series that fails or times out once is dropped (`None`).
fn measure_interleaved<const N: usize>(series: [Series; N]) -> [Option<Measure>; N] {
    let mut times: [Vec<Duration>; N] = std::array::from_fn(|_| Vec::new());
    let mut peaks = [0.0f64; N];
    let mut failed = [false; N];
    let rounds = series.iter().map(|s| s.runs).max().unwrap_or(0);
    let due = |s: &Series, round: usize| round == 0 || round * s.runs / rounds > (round - 1) * s.runs / rounds;
    for round in 0..=rounds {
        for (k, s) in series.iter().enumerate() {
            if failed[k] || !due(s, round) {
                continue;
            }
            match (s.command)().and_then(|c| run_once(c, s.timeout)) {
                Some((elapsed, rss)) => {
                    if round > 0 {
                        times[k].push(elapsed);
                    }
                    peaks[k] = peaks[k].max(rss);
                }
                None => failed[k] = true,
            }
        }
    }
    std::array::from_fn(|k| {
        (!failed[k]).then(|| {
            times[k].sort();
            Measure { median: times[k][times[k].len() / 2], peak_rss_mb: peaks[k] }
        })
    })
}

/// One run: wall time, and the child's peak resident set (from wait4's rusage).
fn run_once(mut command: Command, timeout: Option<Duration>) -> Option<(Duration, f64)> {
    let start = Instant::now();
    let child = command.stdout(Stdio::null()).stderr(Stdio::null()).spawn().ok()?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data, zero is a valid value; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: waiting on our own child's pid, with valid pointers.
        let done = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if done == pid {
            break;
        }
        if done < 0 {
            return None;
        }
        if timeout.is_some_and(|t| start.elapsed() > t) {
            // SAFETY: signalling our own child.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            return None;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    let elapsed = start.elapsed();
    let exited_ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    // ru_maxrss is in KiB on Linux.
    exited_ok.then_some((elapsed, usage.ru_maxrss as f64 / 1024.0))
}
