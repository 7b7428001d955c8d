//! `hirepulse serve [--addr 127.0.0.1:8080] [--db PATH]`: the reports as a web dashboard and a
//! JSON API (see `hirepulse-server`). Reads the built-in baseline unless `--db` names a store,
//! which is opened read-only; the postings are loaded once, before the first request.

use std::io::Write;
use std::net::SocketAddr;
use std::sync::Arc;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The address to listen on.
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
}

pub fn run(cli: &crate::Cli, args: &Args) -> anyhow::Result<u8> {
    let state = match &cli.db {
        Some(path) => hirepulse_server::state::AppState::open_store(path)?,
        None => hirepulse_server::state::AppState::baseline()?,
    };
    let origin = match &cli.db {
        Some(path) => format!("the store {} (read-only)", path.display()),
        None => "the built-in baseline".to_string(),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.addr).await?;
        // Written, not `eprintln!`: a closed stderr must not stop the server.
        let _ = writeln!(
            std::io::stderr(),
            "hirepulse: serving {origin} on http://{} (Ctrl-C to stop)",
            listener.local_addr()?
        );
        hirepulse_server::serve(listener, Arc::new(state)).await?;
        let _ = writeln!(std::io::stderr(), "hirepulse: stopped");
        anyhow::Ok(())
    })?;
    Ok(crate::exit::OK)
}
