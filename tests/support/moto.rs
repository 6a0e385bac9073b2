//! A moto server per test, and the Python harness around it.
//!
//! [`Moto::start`] looks for `moto_server` in `$MOTO_SERVER`, then `.venv/bin/moto_server` in
//! the crate root (what `.ci/run` creates), then on `PATH`. Missing moto fails the test with
//! a clear message when `CI` is set and skips it (with a note on stderr) otherwise. The server
//! listens on a free loopback port and is killed, by its pid, when the guard drops.
//! Python scripts run with the interpreter next to `moto_server` (the venv's, which has
//! boto3), else `$MOTO_PYTHON`, else `python3`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use backup_lab::cloud::aws::{AwsCloud, AwsOverrides, AwsSettings, StaticKeys};
use serde_json::Value;

const READY_TIMEOUT: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(50);
const START_TRIES: usize = 3;
pub const REGION: &str = "us-east-1";

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

/// A running moto server; killed on drop.
pub struct Moto {
    child: Child,
    pub port: u16,
    pub endpoint: String,
    python: PathBuf,
}

impl Moto {
    /// Starts moto with `MOTO_ECS_SERVICE_RUNNING=2` (deployments look complete), or returns
    /// `None` after a skip note when moto is not installed and `CI` is unset.
    pub fn start() -> Option<Self> {
        Self::start_with(&[("MOTO_ECS_SERVICE_RUNNING", "2")])
    }

    pub fn start_with(env: &[(&str, &str)]) -> Option<Self> {
        let Some(server) = find_moto_server() else {
            let hint = "moto_server not found: set MOTO_SERVER, or run \
                        `python3 -m venv .venv && .venv/bin/pip install 'moto[server]>=5.2,<5.3' boto3`";
            assert!(
                std::env::var_os("CI").is_none(),
                "{hint} (CI is set, so this is a failure)"
            );
            eprintln!("skipping: {hint}");
            return None;
        };
        let python = python_beside(&server);
        let mut last_problem = String::new();
        for _ in 0..START_TRIES {
            let port = free_port();
            let mut command = Command::new(&server);
            command
                .args(["-H", "127.0.0.1", "-p", &port.to_string()])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .env("AWS_ACCESS_KEY_ID", "testing")
                .env("AWS_SECRET_ACCESS_KEY", "testing")
                .env("AWS_DEFAULT_REGION", REGION);
            for (k, v) in env {
                command.env(k, v);
            }
            let child = command
                .spawn()
                .unwrap_or_else(|e| panic!("cannot start {}: {e}", server.display()));
            let mut moto = Self {
                child,
                port,
                endpoint: format!("http://127.0.0.1:{port}"),
                python: python.clone(),
            };
            match moto.wait_ready() {
                Ok(()) => return Some(moto),
                Err(problem) => last_problem = problem,
            }
        }
        panic!("moto_server did not start: {last_problem}");
    }

    fn wait_ready(&mut self) -> Result<(), String> {
        let started = Instant::now();
        while started.elapsed() < READY_TIMEOUT {
            if let Ok(Some(status)) = self.child.try_wait() {
                let mut err = String::new();
                if let Some(mut stderr) = self.child.stderr.take() {
                    let _ = stderr.read_to_string(&mut err);
                }
                return Err(format!("exited with {status}: {}", err.trim()));
            }
            if let Ok((200, _)) = http("GET", self.port, "/moto-api/data.json", "") {
                // Nobody reads moto's log from here on; drop the pipe so it cannot fill up.
                self.child.stderr = None;
                return Ok(());
            }
            std::thread::sleep(POLL);
        }
        Err(format!(
            "no answer on port {} within {READY_TIMEOUT:?}",
            self.port
        ))
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

    /// Starts `tests/harness/todo_app.py` against this server.
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
            ])
            .args(options)
            .env("AWS_ACCESS_KEY_ID", "testing")
            .env("AWS_SECRET_ACCESS_KEY", "testing")
            .stdin(Stdio::null())
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

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
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
