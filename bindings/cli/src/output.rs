//! Output files: written to a hidden temporary file (`.phimask-*.tmp`)
//! beside the target and renamed into place when complete, with the modes
//! of ordinary tools, and removed when the process is interrupted.
//!
//! * A new file gets mode `0666 & !umask` (0644 under umask 022), as `cp`
//!   or a shell redirection would give it.
//! * Overwriting a file keeps its mode (its owner and group are those of the
//!   user running phimask: a rename makes a new file).
//! * A target that is a symbolic link is written through: the link stays
//!   and the file it points to is replaced. A broken link is refused.
//! * A missing parent directory is an error, unless the caller creates it
//!   ([`ensure_parent`] with `create` set, the `--create-dirs` flag).
//!
//! Every temporary file is registered while it exists, so that
//! [`remove_temporaries`] (called on SIGINT or SIGTERM) can delete them
//! before the process exits.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// The temporary files that exist now.
static TEMPORARIES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn registry() -> MutexGuard<'static, Vec<PathBuf>> {
    TEMPORARIES.lock().unwrap_or_else(|p| p.into_inner())
}

/// Deletes every temporary output file that exists now and keeps any new one
/// from being created until the process ends (the lock is held by the
/// caller's returned guard). Called by the signal handler thread before it
/// exits the process.
pub fn remove_temporaries() -> MutexGuard<'static, Vec<PathBuf>> {
    let mut reg = registry();
    for p in reg.drain(..) {
        let _ = fs::remove_file(&p);
    }
    reg
}

/// The paths of the temporary files that exist now (for tests).
pub fn temporaries() -> Vec<PathBuf> {
    registry().clone()
}

/// A temporary output file, renamed onto its target by [`TempOut::commit`]
/// and deleted when dropped uncommitted.
#[derive(Debug)]
pub struct TempOut {
    file: Option<tempfile::NamedTempFile>,
    target: PathBuf,
    mode: Option<u32>,
}

impl TempOut {
    /// Creates the temporary file for `target` (after resolving a symbolic
    /// link), in the same directory.
    ///
    /// # Errors
    /// The directory is missing or not writable, or `target` is a broken
    /// link or a directory.
    pub fn create(target: &Path) -> io::Result<TempOut> {
        let target = resolve(target)?;
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let existing = existing_mode(&target)?;
        // Registered under the lock it is created in: a signal either finds
        // it or keeps it from being created.
        let mut reg = registry();
        let mut b = tempfile::Builder::new();
        b.prefix(".phimask-").suffix(".tmp");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // open(2) applies the umask to this mode: 0666 & !umask for a
            // new file; an existing file's mode is set exactly at commit.
            let mode = existing.map_or(0o666, |m| m & 0o666);
            b.permissions(fs::Permissions::from_mode(mode));
        }
        let file = b.tempfile_in(&dir)?;
        reg.push(file.path().to_path_buf());
        drop(reg);
        Ok(TempOut {
            file: Some(file),
            target,
            mode: existing,
        })
    }

    /// The file the output goes to (a link resolved).
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Syncs the file, gives it the mode of the file it replaces, and
    /// renames it onto the target.
    ///
    /// # Errors
    /// When syncing or renaming fails (the temporary file is then removed).
    pub fn commit(mut self) -> io::Result<()> {
        let Some(file) = self.file.take() else {
            return Err(io::Error::other("already committed"));
        };
        let path = file.path().to_path_buf();
        let result = (|| {
            file.as_file().sync_all()?;
            #[cfg(unix)]
            if let Some(m) = self.mode {
                use std::os::unix::fs::PermissionsExt;
                file.as_file()
                    .set_permissions(fs::Permissions::from_mode(m))?;
            }
            file.persist(&self.target).map_err(|e| e.error)?;
            Ok(())
        })();
        unregister(&path);
        result
    }
}

impl Write for TempOut {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self.file.as_mut() {
            Some(f) => f.write(buf),
            None => Err(io::Error::other("already committed")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self.file.as_mut() {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for TempOut {
    fn drop(&mut self) {
        if let Some(f) = self.file.take() {
            let path = f.path().to_path_buf();
            drop(f); // NamedTempFile deletes the file
            unregister(&path);
        }
    }
}

fn unregister(path: &Path) {
    let mut reg = registry();
    if let Some(i) = reg.iter().position(|p| p == path) {
        reg.swap_remove(i);
    }
}

/// The file a target path names: itself, or the file a symbolic link points
/// to (links followed to the end).
fn resolve(target: &Path) -> io::Result<PathBuf> {
    match fs::symlink_metadata(target) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(target).map_err(|_| {
            io::Error::new(
                io::ErrorKind::NotFound,
                "the output is a broken symbolic link",
            )
        }),
        _ => Ok(target.to_path_buf()),
    }
}

/// The permission bits of an existing target, `None` when there is none.
fn existing_mode(target: &Path) -> io::Result<Option<u32>> {
    match fs::metadata(target) {
        Ok(m) if m.is_dir() => Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "the output is a directory",
        )),
        Ok(m) => Ok(Some(mode_of(&m))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

#[cfg(unix)]
fn mode_of(m: &fs::Metadata) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    m.permissions().mode() & 0o7777
}

#[cfg(not(unix))]
fn mode_of(_: &fs::Metadata) -> u32 {
    0o644
}

/// Checks that the directory `path` goes into exists (creating it and its
/// parents when `create` is set).
///
/// # Errors
/// A message naming the missing directory and the flag that creates it.
pub fn ensure_parent(path: &Path, create: bool) -> Result<(), String> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => return Ok(()),
    };
    if parent.is_dir() {
        return Ok(());
    }
    if parent.exists() {
        return Err(format!("{}: not a directory", parent.display()));
    }
    if !create {
        return Err(format!(
            "{}: the output directory does not exist (create it, or give --create-dirs)",
            parent.display()
        ));
    }
    fs::create_dir_all(parent)
        .map_err(|e| format!("{}: cannot create ({})", parent.display(), e.kind()))
}

/// Writes `bytes` to `path` through a [`TempOut`].
///
/// # Errors
/// As [`TempOut::create`] and [`TempOut::commit`].
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut t = TempOut::create(path)?;
    t.write_all(bytes)?;
    t.commit()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        fs::metadata(p).expect("metadata").permissions().mode() & 0o777
    }

    #[test]
    fn overwriting_keeps_the_mode_and_links_are_written_through() {
        let d = tempfile::tempdir().expect("dir");
        let f = d.path().join("a.txt");
        fs::write(&f, "old").expect("write");
        fs::set_permissions(&f, fs::Permissions::from_mode(0o640)).expect("chmod");
        write_atomic(&f, b"new").expect("writes");
        assert_eq!(mode(&f), 0o640);
        assert_eq!(fs::read(&f).expect("read"), b"new");
        let link = d.path().join("link");
        std::os::unix::fs::symlink(&f, &link).expect("link");
        write_atomic(&link, b"through").expect("writes");
        assert!(fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink());
        assert_eq!(fs::read(&f).expect("read"), b"through");
        let broken = d.path().join("broken");
        std::os::unix::fs::symlink(d.path().join("nope"), &broken).expect("link");
        assert!(write_atomic(&broken, b"x").is_err());
    }

    #[test]
    fn a_dropped_output_leaves_nothing() {
        let d = tempfile::tempdir().expect("dir");
        let mut t = TempOut::create(&d.path().join("x")).expect("creates");
        t.write_all(b"half").expect("writes");
        assert_eq!(fs::read_dir(d.path()).expect("ls").count(), 1);
        drop(t);
        assert_eq!(fs::read_dir(d.path()).expect("ls").count(), 0);
    }
}
