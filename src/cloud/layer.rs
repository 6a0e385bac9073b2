//! The one table of the cloud's operations for the layers around a [`super::Cloud`]: each
//! operation's API name, whether it changes something, and its AWS CLI equivalent. A layer
//! ([`super::recorder::Recorded`], [`super::faults::Faulty`], [`super::refresh::Refreshing`])
//! provides `inner_cloud()` and `around(op, call)`; [`layered!`] writes the trait impl that
//! sends every operation through `around`.

/// What a layer knows of a call before it is made.
pub struct Op<'a> {
    /// The API operation, e.g. `CreateDBSnapshot` (`Todo*` for the todo app).
    pub name: &'static str,
    /// Whether the call changes something (create, modify, delete, register, update).
    pub writes: bool,
    /// The AWS CLI (or curl) command that does the same, rendered on demand.
    pub cli: &'a (dyn Fn() -> String + Sync),
}

/// Implements [`super::Cloud`] for a layer type with
/// `fn inner_cloud(&self) -> Arc<dyn Cloud>` and
/// `async fn around<T, F, Fut>(&self, op: Op<'_>, call: F) -> CloudResult<T>`
/// where `call: Fn(Arc<dyn Cloud>) -> Fut` makes the call on a given inner cloud.
macro_rules! layered {
    ($ty:ty) => {
        #[async_trait::async_trait]
        impl $crate::cloud::Cloud for $ty {
            fn mode(&self) -> $crate::cloud::Mode {
                self.inner_cloud().mode()
            }
            fn now(&self) -> jiff::Timestamp {
                self.inner_cloud().now()
            }
            async fn pause(&self, wall: std::time::Duration) {
                self.inner_cloud().pause(wall).await;
            }
            fn peek_todos(&self, instance_id: &str) -> Option<Vec<$crate::cloud::Todo>> {
                self.inner_cloud().peek_todos(instance_id)
            }
            fn pace(&self) -> $crate::cloud::Pace {
                self.inner_cloud().pace()
            }
            fn control_clock(&self, change: $crate::cloud::ClockControl) -> bool {
                self.inner_cloud().control_clock(change)
            }
            async fn identity(&self) -> $crate::cloud::CloudResult<$crate::cloud::Identity> {
                let cli = $crate::cloud::cli::identity;
                let op = $crate::cloud::layer::Op {
                    name: "GetCallerIdentity",
                    writes: false,
                    cli: &cli,
                };
                self.around(op, |c| async move { c.identity().await }).await
            }
            async fn describe_instances(
                &self,
            ) -> $crate::cloud::CloudResult<Vec<$crate::cloud::DbInstance>> {
                let cli = $crate::cloud::cli::describe_instances;
                let op = $crate::cloud::layer::Op {
                    name: "DescribeDBInstances",
                    writes: false,
                    cli: &cli,
                };
                self.around(op, |c| async move { c.describe_instances().await })
                    .await
            }
            async fn describe_snapshots(
                &self,
                instance_id: &str,
            ) -> $crate::cloud::CloudResult<Vec<$crate::cloud::DbSnapshot>> {
                let cli = || $crate::cloud::cli::describe_snapshots(instance_id);
                let op = $crate::cloud::layer::Op {
                    name: "DescribeDBSnapshots",
                    writes: false,
                    cli: &cli,
                };
                self.around(
                    op,
                    |c| async move { c.describe_snapshots(instance_id).await },
                )
                .await
            }
            async fn find_snapshot(
                &self,
                snapshot_id: &str,
            ) -> $crate::cloud::CloudResult<Option<$crate::cloud::DbSnapshot>> {
                let cli = || $crate::cloud::cli::find_snapshot(snapshot_id);
                let op = $crate::cloud::layer::Op {
                    name: "DescribeDBSnapshots",
                    writes: false,
                    cli: &cli,
                };
                self.around(op, |c| async move { c.find_snapshot(snapshot_id).await })
                    .await
            }
            async fn modify_backup(
                &self,
                s: &$crate::cloud::BackupSettings,
            ) -> $crate::cloud::CloudResult<$crate::cloud::DbInstance> {
                let cli = || $crate::cloud::cli::modify_backup(s);
                let op = $crate::cloud::layer::Op {
                    name: "ModifyDBInstance",
                    writes: true,
                    cli: &cli,
                };
                self.around(op, |c| async move { c.modify_backup(s).await })
                    .await
            }
            async fn modify_instance(
                &self,
                c: &$crate::cloud::InstanceChange,
            ) -> $crate::cloud::CloudResult<$crate::cloud::DbInstance> {
                let cli = || $crate::cloud::cli::modify_instance(c);
                let op = $crate::cloud::layer::Op {
                    name: "ModifyDBInstance",
                    writes: true,
                    cli: &cli,
                };
                self.around(op, |c2| async move { c2.modify_instance(c).await })
                    .await
            }
            async fn create_snapshot(
                &self,
                r: &$crate::cloud::SnapshotRequest,
            ) -> $crate::cloud::CloudResult<$crate::cloud::DbSnapshot> {
                let cli = || $crate::cloud::cli::create_snapshot(r);
                let op = $crate::cloud::layer::Op {
                    name: "CreateDBSnapshot",
                    writes: true,
                    cli: &cli,
                };
                self.around(op, |c| async move { c.create_snapshot(r).await })
                    .await
            }
            async fn restore_from_snapshot(
                &self,
                r: &$crate::cloud::RestoreRequest,
            ) -> $crate::cloud::CloudResult<$crate::cloud::DbInstance> {
                let cli = || $crate::cloud::cli::restore(r);
                let op = $crate::cloud::layer::Op {
                    name: "RestoreDBInstanceFromDBSnapshot",
                    writes: true,
                    cli: &cli,
                };
                self.around(op, |c| async move { c.restore_from_snapshot(r).await })
                    .await
            }
            async fn restore_to_point_in_time(
                &self,
                r: &$crate::cloud::PitrRequest,
            ) -> $crate::cloud::CloudResult<$crate::cloud::DbInstance> {
                let cli = || $crate::cloud::cli::restore_pitr(r);
                let op = $crate::cloud::layer::Op {
                    name: "RestoreDBInstanceToPointInTime",
                    writes: true,
                    cli: &cli,
                };
                self.around(op, |c| async move { c.restore_to_point_in_time(r).await })
                    .await
            }
            async fn delete_instance(&self, id: &str) -> $crate::cloud::CloudResult<()> {
                let cli = || $crate::cloud::cli::delete_instance(id);
                let op = $crate::cloud::layer::Op {
                    name: "DeleteDBInstance",
                    writes: true,
                    cli: &cli,
                };
                self.around(op, |c| async move { c.delete_instance(id).await })
                    .await
            }
            async fn delete_snapshot(&self, id: &str) -> $crate::cloud::CloudResult<()> {
                let cli = || $crate::cloud::cli::delete_snapshot(id);
                let op = $crate::cloud::layer::Op {
                    name: "DeleteDBSnapshot",
                    writes: true,
                    cli: &cli,
                };
                self.around(op, |c| async move { c.delete_snapshot(id).await })
                    .await
            }
            async fn describe_service(
                &self,
                cluster: &str,
                service: &str,
            ) -> $crate::cloud::CloudResult<$crate::cloud::Service> {
                let cli = || $crate::cloud::cli::describe_service(cluster, service);
                let op = $crate::cloud::layer::Op {
                    name: "DescribeServices",
                    writes: false,
                    cli: &cli,
                };
                self.around(
                    op,
                    |c| async move { c.describe_service(cluster, service).await },
                )
                .await
            }
            async fn describe_task_definition(
                &self,
                reference: &str,
            ) -> $crate::cloud::CloudResult<$crate::cloud::TaskDefinition> {
                let cli = || $crate::cloud::cli::describe_task_definition(reference);
                let op = $crate::cloud::layer::Op {
                    name: "DescribeTaskDefinition",
                    writes: false,
                    cli: &cli,
                };
                self.around(op, |c| async move {
                    c.describe_task_definition(reference).await
                })
                .await
            }
            async fn list_task_definitions(
                &self,
                l: &$crate::cloud::TaskDefinitionListing,
            ) -> $crate::cloud::CloudResult<$crate::cloud::TaskDefinitionPage> {
                let cli = || $crate::cloud::cli::list_task_definitions(l);
                let op = $crate::cloud::layer::Op {
                    name: "ListTaskDefinitions",
                    writes: false,
                    cli: &cli,
                };
                self.around(op, |c| async move { c.list_task_definitions(l).await })
                    .await
            }
            async fn register_task_definition(
                &self,
                r: &$crate::cloud::TaskDefinitionRegistration,
            ) -> $crate::cloud::CloudResult<$crate::cloud::TaskDefinition> {
                let cli = || $crate::cloud::cli::register_task_definition(r);
                let op = $crate::cloud::layer::Op {
                    name: "RegisterTaskDefinition",
                    writes: true,
                    cli: &cli,
                };
                self.around(op, |c| async move { c.register_task_definition(r).await })
                    .await
            }
            async fn deregister_task_definition(
                &self,
                arn: &str,
            ) -> $crate::cloud::CloudResult<()> {
                let cli = || $crate::cloud::cli::deregister_task_definition(arn);
                let op = $crate::cloud::layer::Op {
                    name: "DeregisterTaskDefinition",
                    writes: true,
                    cli: &cli,
                };
                self.around(
                    op,
                    |c| async move { c.deregister_task_definition(arn).await },
                )
                .await
            }
            async fn delete_task_definitions(
                &self,
                arns: &[String],
            ) -> $crate::cloud::CloudResult<()> {
                let cli = || $crate::cloud::cli::delete_task_definitions(arns);
                let op = $crate::cloud::layer::Op {
                    name: "DeleteTaskDefinitions",
                    writes: true,
                    cli: &cli,
                };
                self.around(op, |c| async move { c.delete_task_definitions(arns).await })
                    .await
            }
            async fn update_service(
                &self,
                cluster: &str,
                service: &str,
                td: &str,
            ) -> $crate::cloud::CloudResult<$crate::cloud::Service> {
                let cli = || $crate::cloud::cli::update_service(cluster, service, td);
                let op = $crate::cloud::layer::Op {
                    name: "UpdateService",
                    writes: true,
                    cli: &cli,
                };
                self.around(op, |c| async move {
                    c.update_service(cluster, service, td).await
                })
                .await
            }
            async fn describe_service_network(
                &self,
                cluster: &str,
                service: &str,
            ) -> $crate::cloud::CloudResult<$crate::cloud::NetworkConfig> {
                let cli = || $crate::cloud::cli::describe_service_network(cluster, service);
                let op = $crate::cloud::layer::Op {
                    name: "DescribeServices",
                    writes: false,
                    cli: &cli,
                };
                self.around(op, |c| async move {
                    c.describe_service_network(cluster, service).await
                })
                .await
            }
            async fn run_task(
                &self,
                r: &$crate::cloud::RunTaskRequest,
            ) -> $crate::cloud::CloudResult<$crate::cloud::Task> {
                let cli = || $crate::cloud::cli::run_task(r);
                let op = $crate::cloud::layer::Op {
                    name: "RunTask",
                    writes: true,
                    cli: &cli,
                };
                self.around(op, |c| async move { c.run_task(r).await })
                    .await
            }
            async fn describe_task(
                &self,
                cluster: &str,
                arn: &str,
            ) -> $crate::cloud::CloudResult<$crate::cloud::Task> {
                let cli = || $crate::cloud::cli::describe_task(cluster, arn);
                let op = $crate::cloud::layer::Op {
                    name: "DescribeTasks",
                    writes: false,
                    cli: &cli,
                };
                self.around(op, |c| async move { c.describe_task(cluster, arn).await })
                    .await
            }
            async fn list_todos(&self) -> $crate::cloud::CloudResult<Vec<$crate::cloud::Todo>> {
                let cli = $crate::cloud::cli::list_todos;
                let op = $crate::cloud::layer::Op {
                    name: "TodoList",
                    writes: false,
                    cli: &cli,
                };
                self.around(op, |c| async move { c.list_todos().await })
                    .await
            }
            async fn create_todo(
                &self,
                title: &str,
            ) -> $crate::cloud::CloudResult<$crate::cloud::Todo> {
                let cli = || $crate::cloud::cli::create_todo(title);
                let op = $crate::cloud::layer::Op {
                    name: "TodoCreate",
                    writes: true,
                    cli: &cli,
                };
                self.around(op, |c| async move { c.create_todo(title).await })
                    .await
            }
            async fn delete_todo(
                &self,
                id: &$crate::cloud::TodoId,
            ) -> $crate::cloud::CloudResult<()> {
                let cli = || $crate::cloud::cli::delete_todo(id);
                let op = $crate::cloud::layer::Op {
                    name: "TodoDelete",
                    writes: true,
                    cli: &cli,
                };
                self.around(op, |c| async move { c.delete_todo(id).await })
                    .await
            }
        }
    };
}

pub(crate) use layered;
