#!/usr/bin/env python3
"""Starts moto's server on 127.0.0.1 with one correction: moto 5.2.1's RunTask
fails (HTTP 500) for a container definition with neither `memory` nor
`memoryReservation`, which ECS accepts when the task sets its own memory (every
Fargate task definition of terraform-aws-modules' examples). The patch counts
such a container as 0 MiB in moto's placement arithmetic; nothing else changes.

    python3 moto_server.py PORT
"""
import sys

from moto.ecs import models
from moto.server import main

original = models.EC2ContainerServiceBackend._calculate_task_resource_requirements


def tolerant(task_definition):
    for container in task_definition.container_definitions:
        if not any(key in container for key in ("memory", "memoryReservation", "Memory", "MemoryReservation")):
            container["memoryReservation"] = 0
    requirements = original(task_definition)
    for container in task_definition.container_definitions:
        if container.get("memoryReservation") == 0:
            del container["memoryReservation"]
    return requirements


models.EC2ContainerServiceBackend._calculate_task_resource_requirements = staticmethod(tolerant)
main(["-H", "127.0.0.1", "-p", sys.argv[1]])
