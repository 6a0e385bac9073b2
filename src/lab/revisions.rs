//! Task definition revisions as the lab works with them, on top of the cloud's single calls:
//! every revision of a family (ListTaskDefinitions page by page, the family's own revisions
//! only, by revision number), and a new revision made from another with one environment
//! variable changed (DescribeTaskDefinition, then RegisterTaskDefinition). Each request is one
//! call of the cloud, so the call log and the call counts show every request sent.

use async_trait::async_trait;

use crate::cloud::{
    Cloud, CloudError, CloudResult, ErrorKind, TaskDefinition, TaskDefinitionListing,
    TaskDefinitionStatus, revision_of,
};
use crate::lab::dump::DumpTaskRequest;

/// Revisions on top of any [`Cloud`].
#[async_trait]
pub trait Revisions {
    /// ARNs of `family`'s revisions in `status`, oldest first: every page of
    /// ListTaskDefinitions, other families that begin alike left out.
    async fn revisions(
        &self,
        family: &str,
        status: TaskDefinitionStatus,
    ) -> CloudResult<Vec<String>>;

    /// ARNs of `family`'s ACTIVE revisions, oldest first.
    async fn active_revisions(&self, family: &str) -> CloudResult<Vec<String>> {
        self.revisions(family, TaskDefinitionStatus::Active).await
    }

    /// ARNs of `family`'s INACTIVE (deregistered, not yet deleted) revisions, oldest first.
    async fn inactive_revisions(&self, family: &str) -> CloudResult<Vec<String>> {
        self.revisions(family, TaskDefinitionStatus::Inactive).await
    }

    /// Registers a copy of `base` (as DescribeTaskDefinition showed it) that differs only in
    /// `name=value` of `container`: every other field and the tags (AWS's own left out) carried
    /// over. One RegisterTaskDefinition.
    async fn register_copy(
        &self,
        base: &TaskDefinition,
        container: &str,
        name: &str,
        value: &str,
    ) -> CloudResult<TaskDefinition>;

    /// [`Revisions::register_copy`] of the revision `base` names (an ARN or
    /// `family[:revision]`): DescribeTaskDefinition, then RegisterTaskDefinition.
    async fn register_revision(
        &self,
        base: &str,
        container: &str,
        name: &str,
        value: &str,
    ) -> CloudResult<TaskDefinition>;

    /// The dump task definition for `request` ([`crate::lab::dump::dump_task_definition`]).
    async fn dump_task_definition(&self, request: &DumpTaskRequest) -> CloudResult<TaskDefinition>;
}

#[async_trait]
impl<C: Cloud + ?Sized> Revisions for C {
    async fn revisions(
        &self,
        family: &str,
        status: TaskDefinitionStatus,
    ) -> CloudResult<Vec<String>> {
        let mut listing = TaskDefinitionListing {
            family_prefix: family.to_owned(),
            status,
            next_token: None,
        };
        let mut found: Vec<(u32, String)> = Vec::new();
        loop {
            let page = self.list_task_definitions(&listing).await?;
            found.extend(page.arns.into_iter().filter_map(|arn| {
                let tail = arn.rsplit_once(":task-definition/")?.1;
                let (f, _) = tail.rsplit_once(':')?;
                let revision = revision_of(&arn)?;
                (f == family).then(|| (revision, arn.clone()))
            }));
            match page.next_token {
                Some(token) if !token.is_empty() => listing.next_token = Some(token),
                _ => break,
            }
        }
        found.sort();
        Ok(found.into_iter().map(|(_, arn)| arn).collect())
    }

    async fn register_copy(
        &self,
        base: &TaskDefinition,
        container: &str,
        name: &str,
        value: &str,
    ) -> CloudResult<TaskDefinition> {
        let mut registration = base.registration();
        if !registration.set_env(container, name, value) {
            return Err(CloudError::new(
                ErrorKind::Client,
                "ClientException",
                format!("Container {container} not found in the task definition."),
            )
            .in_op("RegisterTaskDefinition"));
        }
        self.register_task_definition(&registration).await
    }

    async fn register_revision(
        &self,
        base: &str,
        container: &str,
        name: &str,
        value: &str,
    ) -> CloudResult<TaskDefinition> {
        let described = self.describe_task_definition(base).await?;
        self.register_copy(&described, container, name, value).await
    }

    async fn dump_task_definition(&self, request: &DumpTaskRequest) -> CloudResult<TaskDefinition> {
        crate::lab::dump::dump_task_definition(self, request).await
    }
}
