//! The `Cloud` trait on the simulated account: each call checks the world as AWS does and
//! starts the transitions it causes.

use super::{
    ACCOUNT, BackupSettings, Clock, Cloud, CloudResult, DEFAULT_SPEED, DbInstance, DbSnapshot,
    Duration, ErrorKind, Identity, InstanceChange, Mode, PitrRequest, REGION, RestoreRequest, Row,
    SIM_APP_URL, Service, SignedDuration, SimCloud, SimDeployment, SimSnapshot, SnapshotKind,
    SnapshotRequest, TOOL_TAG_KEY, TOOL_TAG_VALUE, TaskDefinition, Timestamp, Todo, TodoId, after,
    async_trait, err, timing, todo_api, todo_json, validate,
};
use crate::cloud::status::{InstanceStatus, SnapshotStatus, TaskDefinitionStatus};

#[async_trait]
impl Cloud for SimCloud {
    fn mode(&self) -> Mode {
        // A reader shows the speed of the owner it follows, while there is one.
        let published = self.following.as_ref().and_then(|f| {
            f.lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .published
        });
        Mode::Simulation {
            speed: published.map_or_else(|| self.speed(), |p| p.speed),
        }
    }

    fn now(&self) -> Timestamp {
        self.sim_now()
    }

    fn pace(&self) -> crate::cloud::Pace {
        self.current_pace()
    }

    fn control_clock(&self, change: crate::cloud::ClockControl) -> bool {
        self.control(change)
    }

    /// A pause lets at most as much simulated time pass as it would at the default speed:
    /// a faster clock shortens the waiting, not the spacing of the looks in between, so the
    /// moments a waiting `run` notices something (and the RPO and RTO made of them) stay
    /// those of a run at the default speed.
    async fn pause(&self, wall: Duration) {
        let speed = self.speed();
        let simulated = wall.mul_f64(speed.min(DEFAULT_SPEED));
        match self.clock {
            Clock::Manual if self.pacer().paused => tokio::task::yield_now().await,
            Clock::Manual => {
                {
                    let mut world = self.lock();
                    let step = simulated;
                    world.now = world
                        .now
                        .checked_add(SignedDuration::try_from(step).unwrap_or_default())
                        .unwrap_or(world.now);
                }
                tokio::task::yield_now().await;
            }
            Clock::Wall | Clock::Published => {
                tokio::time::sleep(simulated.div_f64(speed.max(f64::MIN_POSITIVE))).await;
            }
        }
    }

    async fn identity(&self) -> CloudResult<Identity> {
        Ok(Identity {
            account: ACCOUNT.into(),
            region: REGION.into(),
            arn: format!("arn:aws:sts::{ACCOUNT}:assumed-role/LabRole/learner"),
        })
    }

    async fn describe_instances(&self) -> CloudResult<Vec<DbInstance>> {
        self.with(false, |w| {
            Ok(w.instances.values().filter_map(|i| i.view(w.now)).collect())
        })
    }

    async fn describe_snapshots(&self, instance_id: &str) -> CloudResult<Vec<DbSnapshot>> {
        self.with(false, |w| {
            Ok(w.snapshots
                .values()
                .filter(|s| s.base.instance_id == instance_id)
                .filter_map(|s| s.view(w.now))
                .collect())
        })
    }

    async fn find_snapshot(&self, snapshot_id: &str) -> CloudResult<Option<DbSnapshot>> {
        self.with(false, |w| {
            Ok(w.snapshots
                .values()
                .filter(|s| s.base.id == snapshot_id)
                .find_map(|s| s.view(w.now)))
        })
    }

    async fn modify_backup(&self, settings: &BackupSettings) -> CloudResult<DbInstance> {
        self.with(true, |w| {
            let current = w.require_instance(&settings.instance_id)?;
            if !current.is_available() {
                return Err(err(
                    ErrorKind::InvalidState,
                    "InvalidDBInstanceState",
                    format!(
                        "Database instance is not in available state (it is {}).",
                        current.status
                    ),
                ));
            }
            if settings.retention_days > validate::MAX_RETENTION_DAYS {
                return Err(err(
                    ErrorKind::Validation,
                    "InvalidParameterValue",
                    "Invalid backup retention period: must be 0 to 35 days.",
                ));
            }
            let maintenance = current.maintenance_window.clone().unwrap_or_default();
            settings.window_utc.clear_of(&maintenance).map_err(|e| {
                err(
                    ErrorKind::Validation,
                    "InvalidParameterValue",
                    format!("Invalid backup window: {e:?}"),
                )
            })?;
            let t = w.now;
            let names_instance = settings.instance_id.clone();
            let Some(instance) = w.instances.get_mut(&names_instance) else {
                return Err(err(ErrorKind::NotFound, "DBInstanceNotFound", "not found"));
            };
            instance.base.backup_window = Some(settings.window_utc);
            let from = current.retention_days;
            let to = settings.retention_days;
            if from == 0 && to > 0 {
                let backup_start = after(t, timing::MODIFY_BEFORE_BACKUP_S);
                let backup_end = after(backup_start, timing::FIRST_BACKUP_S);
                let applies = if settings.apply_immediately {
                    backup_start
                } else {
                    after(t, 86_400 * 7)
                };
                instance.retention_change = Some((applies, to));
                if settings.apply_immediately {
                    instance.phases.push((t, Some(InstanceStatus::Modifying)));
                    instance
                        .phases
                        .push((backup_start, Some(InstanceStatus::BackingUp)));
                    instance
                        .phases
                        .push((backup_end, Some(InstanceStatus::Available)));
                    instance.backups_since = Some(backup_end);
                    let id = format!(
                        "rds:{}-{}",
                        names_instance,
                        backup_start.strftime("%Y-%m-%d-%H-%M")
                    );
                    let todos = instance.todos_at(backup_start);
                    w.snapshots.insert(
                        id.clone(),
                        SimSnapshot {
                            base: DbSnapshot {
                                id: id.clone(),
                                instance_id: names_instance.clone(),
                                status: SnapshotStatus::Creating,
                                percent: 0,
                                kind: SnapshotKind::Automated,
                                created: Some(backup_start),
                                created_by_tool: false,
                                arn: format!("arn:aws:rds:{REGION}:{ACCOUNT}:snapshot:{id}"),
                            },
                            started: backup_start,
                            done: backup_end,
                            gone: None,
                            deleting_from: None,
                            todos,
                        },
                    );
                }
            } else if from != to {
                instance.retention_change = Some((t, to));
                if to == 0 {
                    instance.backups_since = None;
                    instance.phases.push((t, Some(InstanceStatus::Modifying)));
                    instance.phases.push((
                        after(t, timing::MODIFY_BEFORE_BACKUP_S),
                        Some(InstanceStatus::Available),
                    ));
                }
            }
            Ok(w.instance_view(&names_instance).unwrap_or(current))
        })
    }

    /// As RDS does it: new security groups replace the old ones at once (no outage); a
    /// conversion to Multi-AZ keeps the instance `modifying` while the standby is made, with
    /// `MultiAZ` pending until it is there.
    async fn modify_instance(&self, change: &InstanceChange) -> CloudResult<DbInstance> {
        self.with(true, |w| {
            let current = w.require_instance(&change.instance_id)?;
            if !current.is_available() {
                return Err(err(
                    ErrorKind::InvalidState,
                    "InvalidDBInstanceState",
                    format!(
                        "Database instance is not in available state (it is {}).",
                        current.status
                    ),
                ));
            }
            if change
                .security_groups
                .as_ref()
                .is_some_and(|g| g.is_empty() || g.iter().any(|g| !g.starts_with("sg-")))
            {
                return Err(err(
                    ErrorKind::Validation,
                    "InvalidParameterValue",
                    "Invalid security group id.",
                ));
            }
            let t = w.now;
            let Some(instance) = w.instances.get_mut(&change.instance_id) else {
                return Err(err(ErrorKind::NotFound, "DBInstanceNotFound", "not found"));
            };
            if let Some(groups) = &change.security_groups {
                instance.base.security_groups.clone_from(groups);
            }
            if let Some(protect) = change.deletion_protection {
                instance.base.deletion_protection = protect;
            }
            if let Some(multi_az) = change.multi_az.filter(|m| *m != current.multi_az) {
                let done = after(t, timing::MULTI_AZ_S);
                instance.multi_az_change = Some((done, multi_az));
                instance.phases.retain(|(at, _)| *at <= t);
                instance.phases.push((t, Some(InstanceStatus::Modifying)));
                instance
                    .phases
                    .push((done, Some(InstanceStatus::Available)));
            }
            Ok(w.instance_view(&change.instance_id).unwrap_or(current))
        })
    }

    async fn create_snapshot(&self, request: &SnapshotRequest) -> CloudResult<DbSnapshot> {
        let instance_id = request.instance_id.as_str();
        let snapshot_id = request.snapshot_id.as_str();
        self.with(true, |w| {
            validate::rds_identifier(snapshot_id).map_err(|_| {
                err(
                    ErrorKind::Validation,
                    "InvalidParameterValue",
                    format!("Invalid snapshot identifier: {snapshot_id}"),
                )
            })?;
            let instance = w.require_instance(instance_id)?;
            if w.snapshots
                .get(snapshot_id)
                .is_some_and(|s| s.view(w.now).is_some())
            {
                return Err(err(
                    ErrorKind::AlreadyExists,
                    "DBSnapshotAlreadyExists",
                    format!(
                        "Cannot create the snapshot because a snapshot with the \
                        identifier {snapshot_id} already exists."
                    ),
                ));
            }
            if !instance.is_available() {
                return Err(err(
                    ErrorKind::InvalidState,
                    "InvalidDBInstanceState",
                    format!(
                        "Cannot create a snapshot because the database instance \
                        {instance_id} is not currently in the available state."
                    ),
                ));
            }
            let t = w.now;
            let todos = w
                .instances
                .get(instance_id)
                .map(|i| i.todos_at(t))
                .unwrap_or_default();
            let snap = SimSnapshot {
                base: DbSnapshot {
                    id: snapshot_id.into(),
                    instance_id: instance_id.into(),
                    status: SnapshotStatus::Creating,
                    percent: 0,
                    kind: SnapshotKind::Manual,
                    created: Some(t),
                    created_by_tool: request
                        .tags
                        .iter()
                        .any(|(k, v)| k == TOOL_TAG_KEY && v == TOOL_TAG_VALUE),
                    arn: format!("arn:aws:rds:{REGION}:{ACCOUNT}:snapshot:{snapshot_id}"),
                },
                started: t,
                done: after(t, timing::SNAPSHOT_S),
                gone: None,
                deleting_from: None,
                todos,
            };
            let view = snap.view(t).unwrap_or_else(|| snap.base.clone());
            w.snapshots.insert(snapshot_id.into(), snap);
            Ok(view)
        })
    }

    async fn restore_from_snapshot(&self, request: &RestoreRequest) -> CloudResult<DbInstance> {
        let ends_in = self.next_restore_ending("RestoreDBInstanceFromDBSnapshot");
        self.with(true, |w| {
            w.check_new_instance_id(&request.instance_id)?;
            let t = w.now;
            let snap = w
                .snapshots
                .get(&request.snapshot_id)
                .filter(|s| s.view(t).is_some())
                .ok_or_else(|| {
                    err(
                        ErrorKind::NotFound,
                        "DBSnapshotNotFound",
                        format!("DBSnapshot {} not found.", request.snapshot_id),
                    )
                })?;
            if snap.view(t).is_some_and(|s| !s.is_available()) {
                return Err(err(
                    ErrorKind::InvalidState,
                    "InvalidDBSnapshotState",
                    "Snapshot is not available.",
                ));
            }
            let source = w.require_instance(&snap.base.instance_id.clone())?;
            let rows = snap
                .todos
                .iter()
                .map(|todo| Row {
                    todo: todo.clone(),
                    created: t,
                    deleted: None,
                })
                .collect();
            Ok(w.new_instance(
                &request.instance_id,
                &source,
                &request.settings,
                rows,
                ends_in.clone(),
            ))
        })
    }

    async fn restore_to_point_in_time(&self, request: &PitrRequest) -> CloudResult<DbInstance> {
        let ends_in = self.next_restore_ending("RestoreDBInstanceToPointInTime");
        self.with(true, |w| {
            w.check_new_instance_id(&request.target_id)?;
            let source = w.require_instance(&request.source_id)?;
            let Some(latest) = source.latest_restorable else {
                return Err(err(
                    ErrorKind::Client,
                    "PointInTimeRestoreNotEnabled",
                    "SourceDBInstanceIdentifier refers to a DB instance with \
                    BackupRetentionPeriod equal to 0.",
                ));
            };
            // The restore window opens with the oldest automated backup (its snapshot's
            // start), as RestoreWindow.EarliestTime of DescribeDBInstanceAutomatedBackups.
            let t = w.now;
            let earliest = w
                .snapshots
                .values()
                .filter(|s| {
                    s.base.instance_id == request.source_id
                        && s.base.kind == SnapshotKind::Automated
                        && s.view(t).is_some_and(|v| v.is_available())
                })
                .map(|s| s.started)
                .min()
                .or_else(|| {
                    w.instances
                        .get(&request.source_id)
                        .and_then(|i| i.backups_since)
                });
            // RDS takes the restore time to the second.
            let point = request.restore_time.unwrap_or(latest);
            let point = Timestamp::from_second(point.as_second()).unwrap_or(point);
            if point > latest || earliest.is_some_and(|e| point < e) {
                return Err(err(
                    ErrorKind::Client,
                    "InvalidRestoreFault",
                    "The restore time is outside the restorable window of the \
                    source instance.",
                ));
            }
            let rows = w
                .instances
                .get(&request.source_id)
                .map(|i| i.todos_at(point))
                .unwrap_or_default();
            let rows = rows
                .into_iter()
                .map(|todo| Row {
                    todo,
                    created: t,
                    deleted: None,
                })
                .collect();
            Ok(w.new_instance(
                &request.target_id,
                &source,
                &request.settings,
                rows,
                ends_in.clone(),
            ))
        })
    }

    async fn delete_instance(&self, instance_id: &str) -> CloudResult<()> {
        self.with(true, |w| {
            let view = w.require_instance(instance_id)?;
            if view.status == InstanceStatus::Deleting {
                return Err(err(
                    ErrorKind::InvalidState,
                    "InvalidDBInstanceState",
                    "Instance is already being deleted.",
                ));
            }
            if view.deletion_protection {
                return Err(err(
                    ErrorKind::Validation,
                    "InvalidParameterCombination",
                    "Cannot delete protected DB Instance, please disable deletion protection \
                    and try again.",
                ));
            }
            let t = w.now;
            if let Some(instance) = w.instances.get_mut(instance_id) {
                instance.phases.retain(|(at, _)| *at <= t);
                instance.phases.push((t, Some(InstanceStatus::Deleting)));
                instance
                    .phases
                    .push((after(t, timing::DELETE_INSTANCE_S), None));
            }
            Ok(())
        })
    }

    async fn delete_snapshot(&self, snapshot_id: &str) -> CloudResult<()> {
        self.with(true, |w| {
            let t = w.now;
            let snap = w
                .snapshots
                .get_mut(snapshot_id)
                .filter(|s| s.view(t).is_some())
                .ok_or_else(|| {
                    err(
                        ErrorKind::NotFound,
                        "DBSnapshotNotFound",
                        format!("DBSnapshot {snapshot_id} not found."),
                    )
                })?;
            if snap
                .view(t)
                .is_some_and(|s| s.status == SnapshotStatus::Creating)
            {
                return Err(err(
                    ErrorKind::InvalidState,
                    "InvalidDBSnapshotState",
                    "Cannot delete a snapshot while it is being created.",
                ));
            }
            if snap.deleting_from.is_none() {
                snap.deleting_from = Some(t);
                snap.gone = Some(after(t, timing::DELETE_SNAPSHOT_S));
            }
            Ok(())
        })
    }

    async fn describe_service(&self, cluster: &str, service: &str) -> CloudResult<Service> {
        self.with(false, |w| {
            w.require_service(cluster, service)?;
            Ok(w.service_view())
        })
    }

    async fn describe_task_definition(&self, reference: &str) -> CloudResult<TaskDefinition> {
        self.with(false, |w| w.resolve_task_definition(reference).cloned())
    }

    async fn list_task_definitions(
        &self,
        listing: &crate::cloud::TaskDefinitionListing,
    ) -> CloudResult<crate::cloud::TaskDefinitionPage> {
        self.with(false, |w| w.list_page(listing))
    }

    async fn register_task_definition(
        &self,
        registration: &crate::cloud::TaskDefinitionRegistration,
    ) -> CloudResult<TaskDefinition> {
        self.with(true, |w| w.register(registration))
    }

    async fn deregister_task_definition(&self, arn: &str) -> CloudResult<()> {
        self.with(true, |w| {
            let td = w
                .task_definitions
                .iter_mut()
                .find(|td| td.arn == arn)
                .ok_or_else(|| {
                    err(
                        ErrorKind::Client,
                        "ClientException",
                        "The specified task definition does not exist.",
                    )
                })?;
            td.status = TaskDefinitionStatus::Inactive;
            Ok(())
        })
    }

    async fn delete_task_definitions(&self, arns: &[String]) -> CloudResult<()> {
        self.sim_delete_task_definitions(arns)
    }

    async fn update_service(
        &self,
        cluster: &str,
        service: &str,
        task_definition: &str,
    ) -> CloudResult<Service> {
        let unhealthy = self.next_update_unhealthy();
        self.with(true, |w| {
            if cluster != w.cluster {
                return Err(err(
                    ErrorKind::Client,
                    "ClusterNotFoundException",
                    "Cluster not found.",
                ));
            }
            if service != w.service {
                return Err(err(
                    ErrorKind::ServiceNotFound,
                    "ServiceNotFoundException",
                    "Service not found.",
                ));
            }
            let td = w.resolve_task_definition(task_definition)?;
            if td.status != TaskDefinitionStatus::Active {
                return Err(err(
                    ErrorKind::Client,
                    "ClientException",
                    "TaskDefinition is inactive",
                ));
            }
            let arn = td.arn.clone();
            let t = w.now;
            let current = w.service_view();
            if current.task_definition == arn {
                return Ok(current);
            }
            // The replaced deployments start no more tasks; theirs keep serving until the new
            // ones pass their health checks.
            for d in w.deployments.iter_mut().filter(|d| d.created <= t) {
                d.launches.clear();
                d.failing.clear();
            }
            let id = format!("ecs-svc/{:019}", w.next_deployment);
            w.next_deployment += 1;
            w.deployments.push(SimDeployment {
                unhealthy,
                ..SimDeployment::new(id, arn, t, current.desired.max(2))
            });
            Ok(w.service_view())
        })
    }

    async fn describe_service_network(
        &self,
        cluster: &str,
        service: &str,
    ) -> CloudResult<crate::cloud::NetworkConfig> {
        self.sim_service_network(cluster, service)
    }

    async fn run_task(
        &self,
        request: &crate::cloud::RunTaskRequest,
    ) -> CloudResult<crate::cloud::Task> {
        self.sim_run_task(request)
    }

    async fn describe_task(
        &self,
        cluster: &str,
        task_arn: &str,
    ) -> CloudResult<crate::cloud::Task> {
        self.sim_describe_task(cluster, task_arn)
    }

    async fn list_todos(&self) -> CloudResult<Vec<Todo>> {
        // The answer goes over the "wire" in the world's shape and is read back as the real
        // client reads it.
        self.with(false, |w| {
            let shape = w.todo_shape;
            let rows: Vec<serde_json::Value> = w
                .serving_database()?
                .todos_at(w.now)
                .iter()
                .map(|todo| todo_json(todo, shape))
                .collect();
            let body = serde_json::Value::Array(rows).to_string();
            todo_api::parse_list("TodoList", &format!("{SIM_APP_URL}/api/v1/todos"), &body)
        })
    }

    async fn create_todo(&self, title: &str) -> CloudResult<Todo> {
        self.with(true, |w| {
            let t = w.now;
            let shape = w.todo_shape;
            let db = w.serving_database_mut()?;
            let id = db
                .rows
                .iter()
                .filter_map(|r| r.todo.id.0.parse::<u64>().ok())
                .max()
                .unwrap_or(0)
                + 1;
            let todo = Todo {
                id: id.into(),
                user_id: Some(1.into()),
                title: title.into(),
                completed: false,
            };
            db.rows.push(Row {
                todo: todo.clone(),
                created: t,
                deleted: None,
            });
            todo_api::created(&todo_json(&todo, shape), title).ok_or_else(|| {
                err(
                    ErrorKind::TodoAnswer,
                    "BadEntry",
                    "the created todo has no id",
                )
            })
        })
    }

    fn peek_todos(&self, instance_id: &str) -> Option<Vec<Todo>> {
        self.with(false, |w| {
            let t = w.now;
            Ok(w.instances
                .get(instance_id)
                .filter(|i| i.status_at(t) == Some(InstanceStatus::Available))
                .map(|i| i.todos_at(t)))
        })
        .ok()
        .flatten()
    }

    async fn delete_todo(&self, id: &TodoId) -> CloudResult<()> {
        self.with(true, |w| {
            let t = w.now;
            let db = w.serving_database_mut()?;
            let row = db
                .rows
                .iter_mut()
                .find(|r| r.todo.id == *id && r.visible_at(t))
                .ok_or_else(|| err(ErrorKind::NotFound, "404", format!("Todo {id} not found")))?;
            row.deleted = Some(t);
            Ok(())
        })
    }
}
