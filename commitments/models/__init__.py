from .commitments import CommitmentRemark, CommitmentTransition, ServiceCommitment
from .kinds import CommitmentKind, Duration, Stage, StatutoryLimit, Unit
from .promises import PromiseRecord

__all__ = [
    "CommitmentKind",
    "CommitmentRemark",
    "CommitmentTransition",
    "Duration",
    "PromiseRecord",
    "ServiceCommitment",
    "Stage",
    "StatutoryLimit",
    "Unit",
]
