//! moto servers shared by the tests of the binary, each lent to one test at a time and reset
//! for it, and the Python harness around them.
//!
//! [`Moto::start`] looks for `moto_server` in `$MOTO_SERVER`, then `.venv/bin/moto_server` in
//! the crate root (what `.ci/run` creates), then on `PATH`. A test takes an idle server from the
//! pool and resets it (`/moto-api/reset` and `/moto-api/reset-auth`), so it sees a fresh account
//! that no other test uses meanwhile; only when every server is lent out is another one started.
//! So the binary starts as many servers as moto tests ever run at once (at most the number of
//! test threads), not one per test, and no test waits for another's server. Tests that need moto
//! started with other settings ([`Moto::start_with`]) have a pool of their own per setting.
//! A new server costs about 1.4 s of CPU before its first world stands (start, then loading
//! the services on first use); a reset 50–250 ms (BENCHMARKS.md, section 8).
//!
//! Missing moto fails the test. Only `BACKUP_LAB_SKIP_MOTO=1` turns that into a skip, and each
//! skipped test then prints a line on stderr (past the test harness's capture, so it shows).
//!
//! The servers outlive every single test but not the test binary: each runs under a small shell
//! watchdog that holds a pipe from the test binary and, when the binary ends in any way (the pipe
//! closes), stops moto by its pid. Python scripts run with the interpreter next to `moto_server`
//! (the venv's, which has boto3), else `$MOTO_PYTHON`, else `python3`.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use backup_lab::cloud::aws::{AwsCloud, AwsOverrides, AwsSettings, StaticKeys};
use serde_json::Value;

const READY_TIMEOUT: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(50);
const START_TRIES: usize = 3;
pub const REGION: &str = "us-east-1";
/// Set to `1` to skip the moto tests (each says so) instead of failing them without moto.
pub const SKIP_VAR: &str = "BACKUP_LAB_SKIP_MOTO";

/// The watchdog around `moto_server` (`$0`, port `$1`): moto runs in the background; a second
/// background job reads the test binary's pipe (saved as fd 3, since a background job's stdin is
/// /dev/null) and kills moto by its pid once the pipe closes (SIGKILL: on SIGTERM moto only
/// leaves its main thread, and a request thread can keep it alive). The script's own exit is
/// moto's.
const WATCHDOG: &str = r#"exec 3<&0
"$0" -H 127.0.0.1 -p "$1" 3<&- &
pid=$!
{ cat <&3 >/dev/null; kill -KILL "$pid"; } 2>/dev/null &
exec 3<&-
wait "$pid"
"#;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// Where `moto_server` is, if anywhere.
pub fn find_moto_server() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("MOTO_SERVER") {
        return Some(PathBuf::from(path));
    }
    let venv = manifest_dir().join(".venv/bin/moto_server");
    if venv.is_file() {
        return Some(venv);
    }
    on_path("moto_server")
}

fn python_beside(moto_server: &Path) -> PathBuf {
    let dir = moto_server
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    for name in ["python", "python3"] {
        if dir.join(name).is_file() {
            return dir.join(name);
        }
    }
    std::env::var_os("MOTO_PYTHON").map_or_else(|| PathBuf::from("python3"), PathBuf::from)
}

/// A port nobody listens on (bound once, then released).
pub fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    listener.local_addr().expect("local address").port()
}

/// A minimal blocking HTTP/1.0 request; returns status and body.
pub fn http(method: &str, port: u16, path: &str, body: &str) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(
        stream,
        "{method} {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nContent-Length: {}\r\nContent-Type: application/json\r\n\r\n{body}",
        body.len()
    )?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer)?;
    let status = answer
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    Ok((status, body))
}

/// A running moto server under its watchdog. Dropping it closes the watchdog's pipe, which
/// stops moto, and waits for both.
struct Server {
    watchdog: Child,
    port: u16,
    /// moto's stderr (an unnamed temporary file), read when it fails to start.
    log: File,
}

impl Server {
    fn start(moto_server: &Path, env: &[(&str, &str)]) -> Self {
        let mut last_problem = String::new();
        for _ in 0..START_TRIES {
            let port = free_port();
            let log = tempfile::tempfile().expect("a temporary file for moto's log");
            let mut command = Command::new("sh");
            command
                .args(["-c", WATCHDOG])
                .arg(moto_server)
                .arg(port.to_string())
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(log.try_clone().expect("moto's log"))
                .env("AWS_ACCESS_KEY_ID", "testing")
                .env("AWS_SECRET_ACCESS_KEY", "testing")
                .env("AWS_DEFAULT_REGION", REGION);
            for (k, v) in env {
                command.env(k, v);
            }
            let watchdog = command
                .spawn()
                .unwrap_or_else(|e| panic!("cannot start {}: {e}", moto_server.display()));
            let mut server = Self {
                watchdog,
                port,
                log,
            };
            match server.wait_ready() {
                Ok(()) => return server,
                Err(problem) => last_problem = problem,
            }
        }
        panic!("moto_server did not start: {last_problem}");
    }

    fn wait_ready(&mut self) -> Result<(), String> {
        let started = Instant::now();
        while started.elapsed() < READY_TIMEOUT {
            if let Ok(Some(status)) = self.watchdog.try_wait() {
                return Err(format!("exited with {status}: {}", self.log_text()));
            }
            if let Ok((200, _)) = http("GET", self.port, "/moto-api/data.json", "") {
                return Ok(());
            }
            std::thread::sleep(POLL);
        }
        let port = self.port;
        Err(format!(
            "no answer on port {port} within {READY_TIMEOUT:?}: {}",
            self.log_text()
        ))
    }

    fn log_text(&mut self) -> String {
        let mut text = String::new();
        let _ = self.log.rewind();
        let _ = self.log.read_to_string(&mut text);
        text.trim().to_owned()
    }

    /// A fresh account: no resources, and requests no longer checked against IAM (a test may
    /// have turned that on with `/moto-api/reset-auth`).
    fn reset(&self) -> Result<(), String> {
        for (path, body) in [("/moto-api/reset-auth", "inf"), ("/moto-api/reset", "")] {
            match http("POST", self.port, path, body) {
                Ok((200, _)) => {}
                Ok((status, body)) => return Err(format!("{path}: {status} {body}")),
                Err(e) => return Err(format!("{path}: {e}")),
            }
        }
        Ok(())
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        if let Some(server) = self.server.take() {
            self.pool
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(server);
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        drop(self.watchdog.stdin.take());
        let _ = self.watchdog.wait();
    }
}

/// The idle servers started with one setting.
type Pool = Mutex<Vec<Server>>;

/// The pool for `env`. Pools live in statics, which are never dropped: the watchdog stops
/// their servers when the test binary ends.
fn pool(env: &[(&str, &str)]) -> &'static Pool {
    static POOLS: Mutex<Vec<(String, &'static Pool)>> = Mutex::new(Vec::new());
    let key = env
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(" ");
    let mut pools = POOLS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((_, pool)) = pools.iter().find(|(k, _)| *k == key) {
        return pool;
    }
    let pool: &'static Pool = Box::leak(Box::new(Mutex::new(Vec::new())));
    pools.push((key, pool));
    pool
}

/// What to do without moto: fail, unless the skip is asked for.
fn without_moto() {
    let hint = "moto_server not found: set MOTO_SERVER, or run \
                `python3 -m venv .venv && .venv/bin/pip install 'moto[server]>=5.2,<5.3' boto3`";
    let skip = std::env::var_os(SKIP_VAR).is_some_and(|v| v == "1");
    assert!(skip, "{hint} (or set {SKIP_VAR}=1 to skip the moto tests)");
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("a moto test");
    // Straight to stderr: the harness captures `eprintln!` of passing tests.
    let _ = writeln!(
        std::io::stderr(),
        "skipped {test}: {hint} ({SKIP_VAR}=1 is set)"
    );
}

/// A moto server lent to one test: reset when lent, given back to its pool on drop.
pub struct Moto {
    pub port: u16,
    pub endpoint: String,
    python: PathBuf,
    server: Option<Server>,
    pool: &'static Pool,
}

impl Moto {
    /// A server with `MOTO_ECS_SERVICE_RUNNING=2` (deployments look complete), reset. `None`
    /// only when moto is missing and `BACKUP_LAB_SKIP_MOTO=1` (the skip is printed).
    pub fn start() -> Option<Self> {
        Self::start_with(&[("MOTO_ECS_SERVICE_RUNNING", "2")])
    }

    /// A server started with `env`, reset; see [`Moto::start`].
    pub fn start_with(env: &[(&str, &str)]) -> Option<Self> {
        let Some(moto_server) = find_moto_server() else {
            without_moto();
            return None;
        };
        let pool = pool(env);
        let idle = pool.lock().unwrap_or_else(PoisonError::into_inner).pop();
        let server = match idle.map(|server| (server.reset(), server)) {
            Some((Ok(()), server)) => server,
            Some((Err(problem), broken)) => {
                // A test may have broken it; a new one costs a second.
                let _ = writeln!(std::io::stderr(), "moto is restarted: {problem}");
                drop(broken);
                Server::start(&moto_server, env)
            }
            None => Server::start(&moto_server, env),
        };
        let port = server.port;
        Some(Self {
            port,
            endpoint: format!("http://127.0.0.1:{port}"),
            python: python_beside(&moto_server),
            server: Some(server),
            pool,
        })
    }

    /// POST to moto's control API (e.g. `/moto-api/reset`, `/moto-api/reset-auth`).
    pub fn post(&self, path: &str, body: &str) -> (u16, String) {
        http("POST", self.port, path, body).expect("moto control API")
    }

    fn run_python(&self, args: &[&str]) -> String {
        let out = Command::new(&self.python)
            .args(args)
            .env("AWS_ACCESS_KEY_ID", "testing")
            .env("AWS_SECRET_ACCESS_KEY", "testing")
            .env("AWS_DEFAULT_REGION", REGION)
            .env_remove("AWS_PROFILE")
            .env_remove("AWS_ENDPOINT_URL")
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", self.python.display()));
        assert!(
            out.status.success(),
            "python {args:?} failed: {}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Builds the workshop world (`tests/harness/world.py`) and returns its ids.
    pub fn world(&self) -> Value {
        let script = manifest_dir().join("tests/harness/world.py");
        let out = self.run_python(&[
            &script.to_string_lossy(),
            "--endpoint",
            &self.endpoint,
            "--region",
            REGION,
        ]);
        serde_json::from_str(out.trim()).expect("world.py prints JSON")
    }

    /// Runs Python with boto3 against this server and parses what it prints as JSON.
    /// In scope: `c(name)` makes a client, `out(value)` prints JSON.
    pub fn boto(&self, code: &str) -> Value {
        let program = format!(
            "import boto3, json, sys\n\
             E = sys.argv[1]\n\
             def c(name, **kw):\n    return boto3.client(name, endpoint_url=E, region_name='{REGION}', **kw)\n\
             def out(value):\n    print(json.dumps(value, default=str))\n\
             {code}\n"
        );
        let out = self.run_python(&["-c", &program, &self.endpoint]);
        serde_json::from_str(out.trim())
            .unwrap_or_else(|e| panic!("boto output is not JSON ({e}): {out}"))
    }

    /// `DescribeTaskDefinition` (with tags) of `reference` as boto3 sees it, minus the fields
    /// `RegisterTaskDefinition` cannot set (FACTS.md): what a faithful copy must reproduce.
    pub fn registrable_view(&self, reference: &str) -> Value {
        let mut seen = self.boto(&format!(
            "r = c('ecs').describe_task_definition(taskDefinition='{reference}', include=['TAGS'])\n\
             r.pop('ResponseMetadata', None)\n\
             out(r)"
        ));
        if let Some(td) = seen
            .get_mut("taskDefinition")
            .and_then(Value::as_object_mut)
        {
            for field in [
                "taskDefinitionArn",
                "revision",
                "status",
                "requiresAttributes",
                "compatibilities",
                "registeredAt",
                "registeredBy",
                "deregisteredAt",
            ] {
                td.remove(field);
            }
        }
        seen
    }

    /// Endpoint and dummy keys passed programmatically, so parallel tests do not share env.
    pub fn overrides(&self) -> AwsOverrides {
        overrides_for(&self.endpoint)
    }

    pub async fn cloud(&self) -> AwsCloud {
        self.cloud_with(None).await
    }

    pub async fn cloud_with(&self, app_url: Option<String>) -> AwsCloud {
        AwsCloud::connect_with(&moto_settings(app_url), &self.overrides())
            .await
            .expect("connect to moto")
    }

    /// Starts `tests/harness/todo_app.py` against this server. It is killed when the
    /// [`TodoApp`] drops, and ends by itself when the test binary does (it holds the app's
    /// stdin, and the app exits when that closes).
    pub fn todo_app(&self) -> TodoApp {
        self.todo_app_with(&[])
    }

    /// [`Moto::todo_app`] with more options, e.g. `--ecs-lag 2`.
    pub fn todo_app_with(&self, options: &[&str]) -> TodoApp {
        let script = manifest_dir().join("tests/harness/todo_app.py");
        let mut child = Command::new(&self.python)
            .arg(script)
            .args([
                "--endpoint",
                &self.endpoint,
                "--region",
                REGION,
                "--port",
                "0",
                "--exit-with-stdin",
            ])
            .args(options)
            .env("AWS_ACCESS_KEY_ID", "testing")
            .env("AWS_SECRET_ACCESS_KEY", "testing")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start todo_app.py");
        let mut line = String::new();
        if let Some(stdout) = child.stdout.take() {
            let _ = BufReader::new(stdout).read_line(&mut line);
        }
        let Ok(port) = line.trim().parse::<u16>() else {
            let _ = child.kill();
            let _ = child.wait();
            panic!("todo_app.py did not report a port (got {line:?})");
        };
        TodoApp {
            child,
            url: format!("http://127.0.0.1:{port}"),
        }
    }
}

/// Settings for the adapter under test; the todo app is given by `app_url`.
pub fn moto_settings(app_url: Option<String>) -> AwsSettings {
    AwsSettings {
        profile: None,
        region: Some(REGION.into()),
        app_url,
        load_balancer: "todoApp".into(),
    }
}

/// Overrides pointing every service at `endpoint`, with dummy keys and quick retries.
pub fn overrides_for(endpoint: &str) -> AwsOverrides {
    AwsOverrides {
        endpoint_url: Some(endpoint.to_owned()),
        keys: Some(StaticKeys {
            access_key_id: "testing".into(),
            secret_access_key: "testing".into(),
            session_token: Some("testing".into()),
        }),
        initial_backoff: Duration::from_millis(10),
        ..AwsOverrides::default()
    }
}

/// The loopback todo app; killed on drop.
pub struct TodoApp {
    child: Child,
    pub url: String,
}

impl Drop for TodoApp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sets the environment variable `name` of `container` in a [`Moto::registrable_view`].
pub fn set_env(view: &mut Value, container: &str, name: &str, value: &str) {
    for def in view["taskDefinition"]["containerDefinitions"]
        .as_array_mut()
        .into_iter()
        .flatten()
        .filter(|d| d["name"] == container)
    {
        for kv in def["environment"].as_array_mut().into_iter().flatten() {
            if kv["name"] == name {
                kv["value"] = Value::String(value.into());
            }
        }
    }
}
