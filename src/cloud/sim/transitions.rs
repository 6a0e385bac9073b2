//! How the simulated world moves on as time passes: durations, then what settles when.

use super::{
    ACCOUNT, DEFAULT_OPTION_GROUP, DEFAULT_PARAMETER_GROUP, DEFAULT_SG, DEFAULT_STORAGE_TYPE,
    DbInstance, EXTENDED_SUPPORT, EXTENDED_SUPPORT_DISABLED, REGION, RestoreSettings, Row,
    SimDeployment, SimInstance, Timestamp, UPGRADED_ENGINE, World, after, endpoint_of,
};
use crate::cloud::status::InstanceStatus;

use crate::cloud::calendar::standard_support_end;

/// Simulated durations, in simulated seconds.
pub(super) mod timing {
    pub const MODIFY_BEFORE_BACKUP_S: i64 = 60;
    pub const FIRST_BACKUP_S: i64 = 120;
    pub const SNAPSHOT_S: i64 = 240;
    pub const RESTORE_CREATING_S: i64 = 480;
    pub const RESTORE_BACKING_UP_S: i64 = 240;
    pub const RESTORE_MODIFYING_S: i64 = 180;
    /// A restore that RDS cannot finish (a world fault) ends in its status this long after
    /// the call, while still `creating`.
    pub const RESTORE_FAILS_AFTER_S: i64 = 300;
    pub const DELETE_INSTANCE_S: i64 = 180;
    /// A conversion to Multi-AZ: a snapshot, a standby made from it in another zone, then
    /// synchronous replication (AWS: "can take a while", usually tens of minutes).
    pub const MULTI_AZ_S: i64 = 900;
    pub const DELETE_SNAPSHOT_S: i64 = 20;
    /// From a new deployment to each of its tasks passing the load balancer's health check.
    pub const TASK_READY_S: [i64; 2] = [60, 90];
    /// An old task stops this long after a new one became healthy (deregistration delay).
    pub const DRAIN_AFTER_HEALTHY_S: i64 = 90;
    /// A task whose database does not answer fails the health checks (two, 30 s apart) and is
    /// stopped this long after it started running.
    pub const UNHEALTHY_S: i64 = 60;
    /// From a stopped task to its replacement starting.
    pub const RELAUNCH_S: i64 = 15;
    /// Transaction logs reach the backup every five minutes.
    pub const LOG_SHIPPING_S: i64 = 300;
}

/// gp3's baseline throughput below 400 GiB, what a restore gets unless it is given.
const GP3_BASELINE_MIBPS: u32 = 125;

impl World {
    /// A restored instance as RDS makes it: what the call sets, AWS's defaults for what it
    /// leaves out (never the source's values, which is why the lab sends them).
    pub(super) fn new_instance(
        &mut self,
        id: &str,
        template: &DbInstance,
        settings: &RestoreSettings,
        rows: Vec<Row>,
        ends_in: Option<InstanceStatus>,
    ) -> DbInstance {
        let t = self.now;
        let lifecycle = settings
            .engine_lifecycle
            .clone()
            .unwrap_or_else(|| EXTENDED_SUPPORT.into());
        let past_standard_support = template.engine_version().is_some_and(|v| {
            standard_support_end(template.engine_name(), v).is_some_and(|end| t >= end)
        });
        let engine = if lifecycle == EXTENDED_SUPPORT_DISABLED && past_standard_support {
            UPGRADED_ENGINE.into()
        } else {
            template.engine.clone()
        };
        let storage_type = settings.storage_type.clone().unwrap_or_else(|| {
            if settings.iops.is_some() {
                "io1".into()
            } else {
                DEFAULT_STORAGE_TYPE.into()
            }
        });
        let base = DbInstance {
            id: id.into(),
            status: InstanceStatus::Creating,
            class: settings.class.clone(),
            engine,
            multi_az: settings.multi_az,
            retention_days: template.retention_days.max(1),
            endpoint: Some(endpoint_of(id)),
            security_groups: if settings.security_groups.is_empty() {
                vec![DEFAULT_SG.into()]
            } else {
                settings.security_groups.clone()
            },
            subnet_group: settings
                .subnet_group
                .clone()
                .or_else(|| Some("default".into())),
            latest_restorable: None,
            created: Some(t),
            pending_retention: None,
            arn: format!("arn:aws:rds:{REGION}:{ACCOUNT}:db:{id}"),
            iops: settings.iops.filter(|_| storage_type.starts_with("io")),
            storage_type: Some(storage_type.clone()),
            parameter_group: Some(
                settings
                    .parameter_group
                    .clone()
                    .unwrap_or_else(|| DEFAULT_PARAMETER_GROUP.into()),
            ),
            option_group: Some(
                settings
                    .option_group
                    .clone()
                    .unwrap_or_else(|| DEFAULT_OPTION_GROUP.into()),
            ),
            engine_lifecycle: Some(lifecycle),
            // A restore carries the call's tags; the source's are not copied (its snapshots
            // do not carry them, CopyTagsToSnapshot being off in the lab's world).
            tags: settings.tags.clone(),
            // RDS's own defaults where the call says nothing (API reference). Public access:
            // a restore into a subnet group whose VPC has an internet gateway is public unless
            // the call says otherwise; the console always says (its default is "No").
            publicly_accessible: Some(
                settings
                    .publicly_accessible
                    .unwrap_or(self.internet_gateway),
            ),
            copy_tags_to_snapshot: Some(settings.copy_tags_to_snapshot.unwrap_or(false)),
            storage_throughput: if storage_type == "gp3" {
                Some(settings.storage_throughput.unwrap_or(GP3_BASELINE_MIBPS))
            } else {
                None
            },
            auto_minor_version_upgrade: Some(settings.auto_minor_version_upgrade.unwrap_or(true)),
            deletion_protection: settings.deletion_protection.unwrap_or(false),
            ..template.clone()
        };
        let available = after(
            t,
            timing::RESTORE_CREATING_S + timing::RESTORE_BACKING_UP_S + timing::RESTORE_MODIFYING_S,
        );
        let instance = SimInstance {
            base,
            phases: vec![
                (t, Some(InstanceStatus::Creating)),
                (
                    after(t, timing::RESTORE_CREATING_S),
                    Some(InstanceStatus::BackingUp),
                ),
                (
                    after(t, timing::RESTORE_CREATING_S + timing::RESTORE_BACKING_UP_S),
                    Some(InstanceStatus::Modifying),
                ),
                (available, Some(InstanceStatus::Available)),
            ],
            endpoint_at: Some(after(t, timing::RESTORE_CREATING_S)),
            retention_change: None,
            multi_az_change: None,
            backups_since: Some(available),
            rows,
        };
        let mut instance = instance;
        if let Some(status) = ends_in {
            // It never gets to `available`: RDS gives up while making it, and there it stays.
            let at = after(t, timing::RESTORE_FAILS_AFTER_S);
            instance.phases = vec![(t, Some(InstanceStatus::Creating)), (at, Some(status))];
            instance.backups_since = None;
            instance.endpoint_at = Some(at);
        }
        let view = instance.view(t).unwrap_or_default();
        self.instances.insert(id.into(), instance);
        view
    }

    /// Until when AWS works on something after `now`: the last change already scheduled (an
    /// instance's next status, a snapshot's end, a task's health check, drain or stop). `None`
    /// while nothing is in flight. A task that passes its health check lets an old one drain
    /// after it, so a pending check counts until that drain; a failing one until its
    /// replacement is checked.
    pub(super) fn busy_until(&self, now: Timestamp) -> Option<Timestamp> {
        let instances = self.instances.values().flat_map(|i| {
            i.phases
                .iter()
                .map(|(at, _)| *at)
                .chain(i.endpoint_at)
                .chain(i.multi_az_change.map(|(at, _)| at))
        });
        let snapshots = self
            .snapshots
            .values()
            .flat_map(|s| [Some(s.done), s.gone].into_iter().flatten());
        let deployments = self.deployments.iter().flat_map(|d| {
            let checks = d
                .launches
                .iter()
                .map(|at| after(*at, timing::DRAIN_AFTER_HEALTHY_S));
            let fails = d
                .failing
                .iter()
                .map(|at| after(*at, timing::RELAUNCH_S + timing::TASK_READY_S[0]));
            checks.chain(fails).chain(d.drain_at.iter().copied())
        });
        let tasks = self
            .tasks
            .tasks
            .iter()
            .map(super::tasks::SimTask::stopped_at);
        instances
            .chain(snapshots)
            .chain(deployments)
            .chain(tasks)
            .filter(|at| *at > now)
            .max()
    }

    /// Decides, in time order, the fate of every task whose health check or failure has come
    /// by `self.now`: a healthy task serves and lets one old task drain; a failed one is
    /// replaced, until the circuit breaker declares the deployment FAILED and, with rollback,
    /// starts a deployment of the last revision that completed.
    pub(super) fn settle(&mut self) {
        self.settle_tasks();
        let now = self.now;
        loop {
            // The earliest undecided moment: a health check (launch) or a failure.
            let next = self
                .deployments
                .iter()
                .enumerate()
                .flat_map(|(i, d)| {
                    let checks = d.launches.iter().map(move |at| (*at, i, true));
                    let fails = d.failing.iter().map(move |at| (*at, i, false));
                    checks.chain(fails)
                })
                .filter(|(at, _, _)| *at <= now)
                .min_by_key(|(at, _, _)| *at);
            let Some((at, i, is_check)) = next else { break };
            if is_check {
                self.health_check(i, at);
            } else {
                self.task_failed(i, at);
            }
        }
    }

    pub(super) fn health_check(&mut self, i: usize, at: Timestamp) {
        let host = self
            .db_host_of(&self.deployments[i].task_definition)
            .to_owned();
        let healthy =
            !self.deployments[i].unhealthy && self.reachable_from_backend(&host, at).is_some();
        let d = &mut self.deployments[i];
        if let Some(pos) = d.launches.iter().position(|l| *l == at) {
            d.launches.remove(pos);
        }
        if !healthy {
            d.failing.push(after(at, timing::UNHEALTHY_S));
            return;
        }
        d.ready_at.push(at);
        // One task of an older deployment makes room for it.
        let drain = after(at, timing::DRAIN_AFTER_HEALTHY_S);
        if let Some(old) = self.deployments[..i]
            .iter_mut()
            .find(|old| old.undrained() > 0)
        {
            old.drain_at.push(drain);
        }
    }

    pub(super) fn task_failed(&mut self, i: usize, at: Timestamp) {
        let breaker = self.circuit_breaker;
        let d = &mut self.deployments[i];
        if let Some(pos) = d.failing.iter().position(|f| *f == at) {
            d.failing.remove(pos);
        }
        d.failures.push(at);
        let threshold = (d.desired.div_ceil(2)).clamp(3, 200) as usize;
        let trips = breaker.enable && d.ready_at.is_empty() && d.failures.len() >= threshold;
        if !trips {
            d.launches
                .push(after(at, timing::RELAUNCH_S + timing::TASK_READY_S[0]));
            return;
        }
        d.failed_at = Some(at);
        d.launches.clear();
        d.failing.clear();
        let desired = d.desired;
        if !breaker.rollback {
            return;
        }
        // Back to the last deployment that completed: the newest earlier one that had all its
        // tasks serving.
        let Some(back) = self.deployments[..i]
            .iter()
            .rev()
            .find(|d| d.failed_at.is_none() && d.ready_at.len() >= d.desired as usize)
        else {
            return;
        };
        let (task_definition, back_id) = (back.task_definition.clone(), back.id.clone());
        let id = format!("ecs-svc/{:019}", self.next_deployment);
        self.next_deployment += 1;
        self.deployments.push(SimDeployment {
            rollback_of: Some(back_id),
            ..SimDeployment::new(id, task_definition, at, desired)
        });
    }
}
