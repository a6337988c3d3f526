"""Pembinaan: the Dinas's programmes (training, certification help, permits, aid), their participants and
outcomes, the aid register and data-collection rounds, tied to the vendors and certificates Sentra knows."""
