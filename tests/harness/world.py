#!/usr/bin/env python3
"""Builds the workshop world of lab/FACTS.md inside a running moto server.

Usage (with the venv's python, against a fresh moto server):

    python tests/harness/world.py --endpoint http://127.0.0.1:PORT [--region us-east-1]

Creates Workshop-VPC (two subnets), the security group Workshop-RDS-SG, the DB subnet group
workshop-db-subnet-group, the RDS instance workshop-db (MySQL 8.0, db.t3.micro, Multi-AZ,
100 GiB gp2, retention 0), the ECS cluster workshop-cluster with task definition family
workshop-backend (revision 1, deliberately rich in fields so that a re-registration has much to
lose) and service backend-service (desired 2), and the ALB todoApp. Prints one JSON object with
the ids on stdout. Not idempotent: run it once per fresh server (or after POST /moto-api/reset).
"""

import argparse
import json
import os
import sys

import boto3

ACCOUNT_DEFAULT = "123456789012"


def client(name, endpoint, region):
    return boto3.client(
        name,
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "testing"),
        aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "testing"),
        aws_session_token=os.environ.get("AWS_SESSION_TOKEN", "testing"),
    )


def build(endpoint, region):
    ec2 = client("ec2", endpoint, region)
    rds = client("rds", endpoint, region)
    ecs = client("ecs", endpoint, region)
    elb = client("elbv2", endpoint, region)
    sts = client("sts", endpoint, region)
    account = sts.get_caller_identity().get("Account", ACCOUNT_DEFAULT)
    lab_role = f"arn:aws:iam::{account}:role/LabRole"

    vpc_id = ec2.create_vpc(
        CidrBlock="10.0.0.0/16",
        TagSpecifications=[{"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "Workshop-VPC"}]}],
    )["Vpc"]["VpcId"]
    subnets = []
    for i, az in enumerate(["a", "b"]):
        subnets.append(
            ec2.create_subnet(
                VpcId=vpc_id,
                CidrBlock=f"10.0.{i}.0/24",
                AvailabilityZone=f"{region}{az}",
            )["Subnet"]["SubnetId"]
        )
    default_sg = ec2.describe_security_groups(
        Filters=[
            {"Name": "vpc-id", "Values": [vpc_id]},
            {"Name": "group-name", "Values": ["default"]},
        ]
    )["SecurityGroups"][0]["GroupId"]
    rds_sg = ec2.create_security_group(
        GroupName="Workshop-RDS-SG", Description="MySQL from the backend", VpcId=vpc_id
    )["GroupId"]
    app_sg = ec2.create_security_group(
        GroupName="Workshop-App-SG", Description="HTTP to the app", VpcId=vpc_id
    )["GroupId"]

    rds.create_db_subnet_group(
        DBSubnetGroupName="workshop-db-subnet-group",
        DBSubnetGroupDescription="Workshop database subnets",
        SubnetIds=subnets,
    )
    # A parameter group of its own: a restore that names none would fall back to the default.
    rds.create_db_parameter_group(
        DBParameterGroupName="workshop-mysql80",
        DBParameterGroupFamily="mysql8.0",
        Description="Workshop settings",
    )
    db = rds.create_db_instance(
        DBInstanceIdentifier="workshop-db",
        DBInstanceClass="db.t3.micro",
        Engine="mysql",
        EngineVersion="8.0.39",
        MultiAZ=True,
        AllocatedStorage=100,
        StorageType="gp2",
        MasterUsername="clusteradmin",
        MasterUserPassword="Workshop-Pa55word!",
        DBName="todo",
        Port=3306,
        BackupRetentionPeriod=0,
        PreferredMaintenanceWindow="sun:08:00-sun:08:30",
        VpcSecurityGroupIds=[rds_sg],
        DBSubnetGroupName="workshop-db-subnet-group",
        DBParameterGroupName="workshop-mysql80",
        Tags=[{"Key": "environment", "Value": "workshop"}],
    )["DBInstance"]
    db = rds.describe_db_instances(DBInstanceIdentifier="workshop-db")["DBInstances"][0]
    db_host = db["Endpoint"]["Address"]

    cluster_arn = ecs.create_cluster(clusterName="workshop-cluster")["cluster"]["clusterArn"]
    task_definition = ecs.register_task_definition(
        family="workshop-backend",
        taskRoleArn=lab_role,
        executionRoleArn=lab_role,
        networkMode="awsvpc",
        requiresCompatibilities=["FARGATE"],
        cpu="256",
        memory="512",
        runtimePlatform={"cpuArchitecture": "X86_64", "operatingSystemFamily": "LINUX"},
        ephemeralStorage={"sizeInGiB": 21},
        volumes=[{"name": "scratch", "host": {}}],
        tags=[
            {"key": "project", "value": "workshop"},
            {"key": "owner", "value": "learner"},
        ],
        containerDefinitions=[
            {
                "name": "container-backend",
                "image": f"{account}.dkr.ecr.{region}.amazonaws.com/todo-backend:latest",
                "essential": True,
                "portMappings": [{"containerPort": 5000, "hostPort": 5000, "protocol": "tcp"}],
                "environment": [
                    {"name": "DB_USER", "value": "clusteradmin"},
                    {"name": "DB_PASSWORD", "value": "Workshop-Pa55word!"},
                    {"name": "DB_HOST", "value": db_host},
                ],
                "secrets": [
                    {
                        "name": "API_TOKEN",
                        "valueFrom": f"arn:aws:ssm:{region}:{account}:parameter/workshop/api-token",
                    }
                ],
                "logConfiguration": {
                    "logDriver": "awslogs",
                    "options": {
                        "awslogs-group": "/ecs/workshop-backend",
                        "awslogs-region": region,
                        "awslogs-stream-prefix": "ecs",
                        "awslogs-create-group": "true",
                    },
                },
                "healthCheck": {
                    "command": ["CMD-SHELL", "curl -f http://localhost:5000/api/v1/todos || exit 1"],
                    "interval": 30,
                    "timeout": 5,
                    "retries": 3,
                    "startPeriod": 10,
                },
                "ulimits": [{"name": "nofile", "softLimit": 4096, "hardLimit": 8192}],
                "mountPoints": [{"sourceVolume": "scratch", "containerPath": "/scratch", "readOnly": False}],
                "dockerLabels": {"app": "todo", "tier": "backend"},
                "stopTimeout": 20,
                "workingDirectory": "/app",
                "readonlyRootFilesystem": False,
            }
        ],
    )["taskDefinition"]

    alb = elb.create_load_balancer(
        Name="todoApp",
        Subnets=subnets,
        SecurityGroups=[app_sg],
        Scheme="internet-facing",
        Type="application",
    )["LoadBalancers"][0]
    target_group = elb.create_target_group(
        Name="todo-backend",
        Protocol="HTTP",
        Port=5000,
        VpcId=vpc_id,
        TargetType="ip",
        HealthCheckPath="/api/v1/todos",
    )["TargetGroups"][0]
    elb.create_listener(
        LoadBalancerArn=alb["LoadBalancerArn"],
        Protocol="HTTP",
        Port=80,
        DefaultActions=[{"Type": "forward", "TargetGroupArn": target_group["TargetGroupArn"]}],
    )

    service = ecs.create_service(
        cluster="workshop-cluster",
        serviceName="backend-service",
        taskDefinition=task_definition["taskDefinitionArn"],
        desiredCount=2,
        launchType="FARGATE",
        networkConfiguration={
            "awsvpcConfiguration": {
                "subnets": subnets,
                "securityGroups": [app_sg],
                "assignPublicIp": "ENABLED",
            }
        },
        loadBalancers=[
            {
                "targetGroupArn": target_group["TargetGroupArn"],
                "containerName": "container-backend",
                "containerPort": 5000,
            }
        ],
    )["service"]

    return {
        "account": account,
        "region": region,
        "vpc_id": vpc_id,
        "subnet_ids": subnets,
        "rds_security_group_id": rds_sg,
        "default_security_group_id": default_sg,
        "db_instance_arn": db["DBInstanceArn"],
        "db_host": db_host,
        "cluster_arn": cluster_arn,
        "service_arn": service["serviceArn"],
        "task_definition_arn": task_definition["taskDefinitionArn"],
        "load_balancer_dns": alb["DNSName"],
        "lab_role_arn": lab_role,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint", required=True, help="moto server URL, e.g. http://127.0.0.1:5000")
    parser.add_argument("--region", default="us-east-1")
    args = parser.parse_args()
    json.dump(build(args.endpoint, args.region), sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
