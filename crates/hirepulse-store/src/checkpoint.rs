//! WAL checkpoints on a background thread, for bulk writes.
//!
//! In WAL mode every page is written twice: to the WAL at commit, then into the database file
//! by a checkpoint. SQLite normally checkpoints inside the committing thread, which makes the
//! second write part of the ingest's critical path. During an ingest we turn that off and let a
//! second connection run `PASSIVE` checkpoints (which never block the writer) on its own thread
//! after each committed batch; the WAL is reset whenever the checkpointer has caught up between
//! two batches. Durability is unchanged: a commit is in the WAL either way.

use crate::{Result, Store, StoreError};
use rusqlite::Connection;
use std::sync::mpsc::{sync_channel, SyncSender, TrySendError};
use std::thread::JoinHandle;

pub(crate) struct Checkpointer {
    signal: SyncSender<()>,
    thread: JoinHandle<()>,
}

impl Checkpointer {
    /// Asks for a checkpoint soon; requests made while one is pending coalesce.
    pub(crate) fn poke(&self) {
        match self.signal.try_send(()) {
            Ok(()) | Err(TrySendError::Full(())) | Err(TrySendError::Disconnected(())) => {}
        }
    }

    /// Ends the thread after its current checkpoint.
    pub(crate) fn stop(self) {
        drop(self.signal);
        // A panic in the checkpointer loses nothing: the writer's close checkpoints anyway.
        let _ = self.thread.join();
    }
}

impl Store {
    /// Moves WAL checkpoints to a background thread until the store is dropped. A no-op for
    /// in-memory stores.
    pub fn checkpoint_in_background(&mut self) -> Result<()> {
        if self.checkpointer.is_some() || self.path == ":memory:" {
            return Ok(());
        }
        let open_error = |source| StoreError::Open {
            path: self.path.clone(),
            source,
        };
        let conn = Connection::open(&self.path).map_err(open_error)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(open_error)?;
        self.conn
            .pragma_update(None, "wal_autocheckpoint", 0)
            .map_err(|err| self.sql_error("turn off automatic checkpoints", err))?;
        let (signal, requests) = sync_channel::<()>(1);
        let thread = std::thread::Builder::new()
            .name("hirepulse-checkpoint".into())
            .spawn(move || {
                while requests.recv().is_ok() {
                    // Failures (busy, I/O) only mean this checkpoint is left to the next one
                    // or to the final one when the writer closes.
                    let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
                }
            })
            .map_err(|err| StoreError::Checkpointer {
                path: self.path.clone(),
                source: err,
            })?;
        self.checkpointer = Some(Checkpointer { signal, thread });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::Store;

    #[test]
    fn background_checkpoints_leave_a_complete_store() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut store = Store::open(&path).unwrap();
        store.checkpoint_in_background().unwrap();
        let run = store.begin_run("t", 0).unwrap();
        store.write_batch(run, &[], 1).unwrap();
        drop(store);
        assert!(!dir.path().join("t.db-wal").exists());
        assert_eq!(Store::open(&path).unwrap().status().unwrap().postings, 0);
    }
}
