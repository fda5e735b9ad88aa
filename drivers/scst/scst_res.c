// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCST core: SPC-2 reservations (SPC-2 RESERVE(6), RESERVE(10), RELEASE(6)
 * and RELEASE(10)).
 *
 * A device is reserved by at most one I_T_L nexus. While it is, every
 * other nexus gets RESERVATION CONFLICT for all commands but the few
 * SPC-2 5.5.1 lets through. A reservation ends with RELEASE from its
 * holder, a LUN or target reset, or the loss of the holder's nexus.
 */
#include <linux/module.h>

#include "scst_priv.h"

/**
 * scst_res_allowed() - whether a command passes another nexus' reservation
 * @cdb: the CDB
 *
 * SPC-2 5.5.1: INQUIRY, REQUEST SENSE, REPORT LUNS, LOG SENSE, RELEASE
 * (which then has no effect) and PREVENT ALLOW MEDIUM REMOVAL with
 * PREVENT 00b are not in conflict with a reservation.
 *
 * Return: true if @cdb may run.
 */
bool scst_res_allowed(const u8 *cdb)
{
	switch (cdb[0]) {
	case INQUIRY:
	case REQUEST_SENSE:
	case REPORT_LUNS:
	case LOG_SENSE:
	case RELEASE:
	case RELEASE_10:
		return true;
	case ALLOW_MEDIUM_REMOVAL:
		return !(cdb[4] & 0x03);
	default:
		return false;
	}
}
EXPORT_SYMBOL_IF_KUNIT(scst_res_allowed);

/* RESERVE and RELEASE, which this file executes whatever the state */
static bool scst_res_is_res_cmd(u8 opcode)
{
	return opcode == RESERVE || opcode == RESERVE_10 ||
		opcode == RELEASE || opcode == RELEASE_10;
}

/**
 * scst_res_exec() - apply reservations to a command about to execute
 * @cmd: the command, with a device
 *
 * Executes RESERVE and RELEASE, and fails commands in conflict with
 * another nexus' reservation.
 *
 * Return: true if @cmd is done (status set), false if it must execute.
 */
bool scst_res_exec(struct scst_cmd *cmd)
{
	struct scst_device *dev = cmd->dev;
	const void *me = cmd->tgt_dev;
	unsigned long flags;
	bool done = true;

	/* The common case, unlocked: nobody holds a reservation. */
	if (!READ_ONCE(dev->res_holder) && !scst_res_is_res_cmd(cmd->cdb[0]))
		return false;

	spin_lock_irqsave(&dev->res_lock, flags);
	switch (cmd->cdb[0]) {
	case RESERVE:
	case RESERVE_10:
		if (dev->res_holder && dev->res_holder != me)
			scst_set_cmd_status(cmd, SAM_STAT_RESERVATION_CONFLICT);
		else
			WRITE_ONCE(dev->res_holder, me);
		break;
	case RELEASE:
	case RELEASE_10:
		/*
		 * SPC-2 RELEASE(6): a RELEASE from another nexus, or with no
		 * reservation held, does nothing and ends with GOOD.
		 */
		if (dev->res_holder == me)
			WRITE_ONCE(dev->res_holder, NULL);
		break;
	default:
		if (dev->res_holder == me || scst_res_allowed(cmd->cdb))
			done = false;
		else
			scst_set_cmd_status(cmd, SAM_STAT_RESERVATION_CONFLICT);
		break;
	}
	spin_unlock_irqrestore(&dev->res_lock, flags);
	return done;
}
EXPORT_SYMBOL_IF_KUNIT(scst_res_exec);

/**
 * scst_res_release_nexus() - end the reservation a vanishing nexus holds
 * @td: the I_T_L nexus
 */
void scst_res_release_nexus(struct scst_tgt_dev *td)
{
	struct scst_device *dev = td->dev;
	unsigned long flags;

	spin_lock_irqsave(&dev->res_lock, flags);
	if (dev->res_holder == td)
		WRITE_ONCE(dev->res_holder, NULL);
	spin_unlock_irqrestore(&dev->res_lock, flags);
}
EXPORT_SYMBOL_IF_KUNIT(scst_res_release_nexus);

/**
 * scst_res_reset() - end a device's reservation after a reset
 * @dev: the device
 */
void scst_res_reset(struct scst_device *dev)
{
	unsigned long flags;

	spin_lock_irqsave(&dev->res_lock, flags);
	WRITE_ONCE(dev->res_holder, NULL);
	spin_unlock_irqrestore(&dev->res_lock, flags);
}
EXPORT_SYMBOL_IF_KUNIT(scst_res_reset);
