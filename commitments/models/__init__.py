from .commitments import CommitmentRemark, CommitmentTransition, ServiceCommitment
from .kinds import CommitmentKind, Duration, Stage, StatutoryLimit, Unit

__all__ = [
    "CommitmentKind",
    "CommitmentRemark",
    "CommitmentTransition",
    "Duration",
    "ServiceCommitment",
    "Stage",
    "StatutoryLimit",
    "Unit",
]
