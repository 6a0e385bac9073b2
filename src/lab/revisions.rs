//! Task definition revisions as the lab works with them, on top of the cloud's single calls:
//! every revision of a family (ListTaskDefinitions page by page, the family's own revisions
//! only, by revision number), and a new revision made from another with one environment
//! variable changed (DescribeTaskDefinition, then RegisterTaskDefinition). Each request is one
//! call of the cloud, so the call log and the call counts show every request sent.

use async_trait::async_trait;

use crate::cloud::{
    Cloud, CloudError, CloudResult, ErrorKind, Revision, TaskDefinition, TaskDefinitionListing,
    TaskDefinitionRegistration, TaskDefinitionStatus,
};

/// The RegisterTaskDefinition input for a copy of `base` (as DescribeTaskDefinition showed
/// it) that differs only in `name=value` of `container`, tags (AWS's own left out) included;
/// AWS's ClientException when `base` has no such container.
pub fn copy_of(
    base: &TaskDefinition,
    container: &str,
    name: &str,
    value: &str,
) -> CloudResult<TaskDefinitionRegistration> {
    let mut registration = base.registration();
    if !registration.set_env(container, name, value) {
        return Err(CloudError::new(
            ErrorKind::Client,
            "ClientException",
            format!("Container {container} not found in the task definition."),
        )
        .in_op("RegisterTaskDefinition"));
    }
    Ok(registration)
}

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
                let number = Revision::parse(&arn).filter(|r| r.family == family)?.number;
                Some((number, arn))
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
        let registration = copy_of(base, container, name, value)?;
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloud::sim::{SimCloud, WorldNames};
    use crate::cloud::{TaskDefinitionPage, TaskDefinitionRegistration, revision_of};

    fn sim() -> SimCloud {
        SimCloud::paced(
            "2026-11-25T09:00:00Z".parse().expect("time"),
            15.0,
            WorldNames::default(),
        )
    }

    async fn page(
        cloud: &SimCloud,
        prefix: &str,
        status: TaskDefinitionStatus,
        token: Option<String>,
    ) -> TaskDefinitionPage {
        cloud
            .list_task_definitions(&TaskDefinitionListing {
                family_prefix: prefix.into(),
                status,
                next_token: token,
            })
            .await
            .expect("list")
    }

    /// ListTaskDefinitions in the simulated account answers as ECS documents it: families by
    /// prefix, one status, pages of 100 with a `nextToken`; the lab reads every page and keeps
    /// its own family.
    #[tokio::test]
    async fn every_page_of_a_family_and_only_that_family() {
        let cloud = sim();
        let base = cloud
            .describe_task_definition("workshop-backend")
            .await
            .expect("describe");
        for i in 0..120 {
            cloud
                .register_copy(&base, "container-backend", "DB_HOST", &format!("db-{i}"))
                .await
                .expect("register");
        }
        let mut other = base.registration();
        other.body["family"] = "workshop-backend-old".into();
        let other = cloud
            .register_task_definition(&other)
            .await
            .expect("other family");
        let second = cloud
            .active_revisions("workshop-backend")
            .await
            .expect("revisions")[1]
            .clone();
        cloud
            .deregister_task_definition(&second)
            .await
            .expect("deregister");

        let first = page(
            &cloud,
            "workshop-backend",
            TaskDefinitionStatus::Active,
            None,
        )
        .await;
        assert_eq!(first.arns.len(), 100);
        let token = first.next_token.clone().expect("a second page");
        let rest = page(
            &cloud,
            "workshop-backend",
            TaskDefinitionStatus::Active,
            Some(token),
        )
        .await;
        assert_eq!(rest.next_token, None);
        // 121 revisions, one deregistered, and the other family (sorted after this one).
        assert_eq!(rest.arns.len(), 121 - 1 + 1 - 100);
        assert_eq!(rest.arns.last(), Some(&other.arn));
        assert!(!first.arns.contains(&second) && !rest.arns.contains(&second));

        let active = cloud
            .active_revisions("workshop-backend")
            .await
            .expect("all");
        assert_eq!(active.len(), 120);
        let numbers: Vec<u32> = active.iter().filter_map(|a| revision_of(a)).collect();
        assert!(numbers.windows(2).all(|w| w[0] < w[1]), "oldest first");
        assert!(!active.contains(&other.arn), "another family begins alike");
        assert_eq!(
            cloud
                .inactive_revisions("workshop-backend")
                .await
                .expect("inactive"),
            [second]
        );
        assert!(
            cloud
                .list_task_definitions(&TaskDefinitionListing {
                    family_prefix: "workshop-backend".into(),
                    status: TaskDefinitionStatus::Active,
                    next_token: Some("not-a-token".into()),
                })
                .await
                .is_err()
        );
    }

    /// A copy differs only in the one variable; the tags travel (AWS's own do not), and a
    /// registration ECS would refuse is refused.
    #[tokio::test]
    async fn a_copy_changes_one_variable_and_keeps_the_rest() {
        let cloud = sim();
        let mut tagged = cloud
            .describe_task_definition("workshop-backend")
            .await
            .expect("describe")
            .registration();
        tagged.tags = vec![("course".into(), "m346".into())];
        let base = cloud
            .register_task_definition(&tagged)
            .await
            .expect("tagged");
        let copy = cloud
            .register_copy(&base, "container-backend", "DB_HOST", "restored")
            .await
            .expect("copy");
        assert_eq!(copy.revision, base.revision + 1);
        assert_eq!(copy.env("container-backend", "DB_HOST"), Some("restored"));
        assert!(copy.same_except(&base, "container-backend", "DB_HOST"));
        assert_eq!(copy.tags, base.tags);
        assert!(
            cloud
                .register_copy(&base, "no-such-container", "DB_HOST", "x")
                .await
                .is_err()
        );
        let no_family = TaskDefinitionRegistration {
            body: serde_json::json!({ "containerDefinitions": [{ "name": "c", "image": "i" }] }),
            tags: Vec::new(),
        };
        assert!(cloud.register_task_definition(&no_family).await.is_err());
        let mut reserved = base.registration();
        reserved
            .tags
            .push(("aws:cloudformation:stack-name".into(), "lab".into()));
        assert!(cloud.register_task_definition(&reserved).await.is_err());
    }
}
