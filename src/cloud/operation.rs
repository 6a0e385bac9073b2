//! The API operations the program sends, each with the service that answers it: one table, so
//! that a refusal names the right service and IAM action (`rds:AddTagsToResource`,
//! `elasticloadbalancing:DescribeLoadBalancers`) instead of one guessed from the name.

/// The service that answers an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Service {
    Rds,
    Ecs,
    Sts,
    ElasticLoadBalancing,
    /// The lab's todo app, over HTTP: no AWS service, no IAM action.
    TodoApp,
}

impl Service {
    /// The service prefix of its IAM actions (`rds`, `ecs`, …); `None` for the todo app.
    #[must_use]
    pub const fn iam_prefix(self) -> Option<&'static str> {
        match self {
            Self::Rds => Some("rds"),
            Self::Ecs => Some("ecs"),
            Self::Sts => Some("sts"),
            Self::ElasticLoadBalancing => Some("elasticloadbalancing"),
            Self::TodoApp => None,
        }
    }

    /// Its key in texts that name the service (`error-client`).
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Self::Rds => "rds",
            Self::Ecs => "ecs",
            Self::Sts => "sts",
            Self::ElasticLoadBalancing => "elasticloadbalancing",
            Self::TodoApp => "todo",
        }
    }
}

macro_rules! operations {
    ($($variant:ident = $name:literal @ $service:ident,)*) => {
        /// Every API operation the program sends (the todo app's requests as `Todo*`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Operation {
            $($variant,)*
        }

        impl Operation {
            /// All of them, in the table's order.
            pub const ALL: &'static [Self] = &[$(Self::$variant,)*];

            /// The API name, as in the call log and in IAM (`CreateDBSnapshot`).
            #[must_use]
            pub const fn name(self) -> &'static str {
                match self {
                    $(Self::$variant => $name,)*
                }
            }

            /// The service that answers it.
            #[must_use]
            pub const fn service(self) -> Service {
                match self {
                    $(Self::$variant => Service::$service,)*
                }
            }

            /// The operation of an API name the program sends; `None` for any other.
            #[must_use]
            pub fn from_name(name: &str) -> Option<Self> {
                match name {
                    $($name => Some(Self::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

operations! {
    GetCallerIdentity = "GetCallerIdentity" @ Sts,
    DescribeDbInstances = "DescribeDBInstances" @ Rds,
    DescribeDbSnapshots = "DescribeDBSnapshots" @ Rds,
    ModifyDbInstance = "ModifyDBInstance" @ Rds,
    CreateDbSnapshot = "CreateDBSnapshot" @ Rds,
    RestoreDbInstanceFromDbSnapshot = "RestoreDBInstanceFromDBSnapshot" @ Rds,
    RestoreDbInstanceToPointInTime = "RestoreDBInstanceToPointInTime" @ Rds,
    DeleteDbInstance = "DeleteDBInstance" @ Rds,
    DeleteDbSnapshot = "DeleteDBSnapshot" @ Rds,
    DescribeServices = "DescribeServices" @ Ecs,
    DescribeTaskDefinition = "DescribeTaskDefinition" @ Ecs,
    ListTaskDefinitions = "ListTaskDefinitions" @ Ecs,
    RegisterTaskDefinition = "RegisterTaskDefinition" @ Ecs,
    DeregisterTaskDefinition = "DeregisterTaskDefinition" @ Ecs,
    DeleteTaskDefinitions = "DeleteTaskDefinitions" @ Ecs,
    UpdateService = "UpdateService" @ Ecs,
    RunTask = "RunTask" @ Ecs,
    DescribeTasks = "DescribeTasks" @ Ecs,
    DescribeLoadBalancers = "DescribeLoadBalancers" @ ElasticLoadBalancing,
    TodoList = "TodoList" @ TodoApp,
    TodoCreate = "TodoCreate" @ TodoApp,
    TodoDelete = "TodoDelete" @ TodoApp,
}

impl std::fmt::Display for Operation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_names_its_own_service() {
        for op in Operation::ALL {
            assert_eq!(Operation::from_name(op.name()), Some(*op), "{op}");
        }
        assert_eq!(
            Operation::DescribeLoadBalancers.service(),
            Service::ElasticLoadBalancing
        );
        assert_eq!(Operation::DeleteTaskDefinitions.service(), Service::Ecs);
        assert_eq!(Operation::TodoList.service().iam_prefix(), None);
        assert_eq!(Operation::from_name("SomethingElse"), None);
    }
}
