//! `cargo xtask install-hook`: a git pre-commit hook that runs the drift check, so a commit
//! that changes the spec, the config or the templates without regenerating is refused.

use std::path::Path;
use std::process::Command;

/// The hook script. It checks the working tree (what `cargo xtask codegen` would write),
/// which is what a commit of regenerated files needs to match.
pub const HOOK: &str = "#!/bin/sh
# Installed by `cargo xtask install-hook`: refuse a commit whose generated files are stale.
# The check prints a diff per file; `cargo xtask codegen` fixes it.
exec cargo xtask codegen --check
";

/// Installs the hook into the repository at `root` (wherever git keeps its hooks).
pub fn install(root: &Path) -> Result<(), String> {
    let out = Command::new("git")
        .args(["rev-parse", "--git-path", "hooks"])
        .current_dir(root)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(format!("not a git repository: {}", root.display()));
    }
    let hooks = root.join(String::from_utf8_lossy(&out.stdout).trim());
    std::fs::create_dir_all(&hooks).map_err(|e| format!("{}: {e}", hooks.display()))?;
    let path = hooks.join("pre-commit");
    std::fs::write(&path, HOOK).map_err(|e| format!("{}: {e}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    println!("installed {}", path.display());
    Ok(())
}
