// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCST core: devices (logical units) and their lifetime.
 *
 * A device is made by mkdir under its handler's configfs directory,
 * configured through attributes, and enabled; only an enabled device can
 * be mapped to a LUN, and only a device no LUN maps can be disabled.
 */
#include <linux/jhash.h>
#include <linux/log2.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/wait_bit.h>

#include "scst_priv.h"

/**
 * to_scst_dev() - the device of a configfs item
 * @item: the configfs item of a device directory, as passed to the show
 *	and store callbacks of a dev handler's attributes
 *
 * Return: the device.
 */
struct scst_device *to_scst_dev(struct config_item *item)
{
	return container_of(to_config_group(item), struct scst_device, group);
}
EXPORT_SYMBOL_GPL(to_scst_dev);

static void scst_dev_default_ident(struct scst_device *dev)
{
	struct scst_dev_ident *id = &dev->ident;
	size_t len = strlen(dev->name);
	u32 lo = jhash(dev->name, len, 0x53435354);
	u32 hi = jhash(dev->name, len, lo);

	if (!id->vendor[0])
		strscpy(id->vendor, SCST_DEFAULT_VENDOR, sizeof(id->vendor));
	if (!id->product[0])
		strscpy(id->product, dev->name, sizeof(id->product));
	if (!id->revision[0])
		strscpy(id->revision, SCST_REVISION, sizeof(id->revision));
	if (!id->serial[0])
		snprintf(id->serial, sizeof(id->serial), "%08x", lo);
	/*
	 * NAA 3h, locally assigned (SPC-4 7.8.6.6.2): the name's hash makes
	 * the designator stable across reboots.
	 */
	if (!id->naa_id)
		id->naa_id = (3ULL << 60) |
			(((u64)hi << 32 | lo) & GENMASK_ULL(59, 0));
}

/**
 * scst_alloc_device() - make a device of a dev handler
 * @dt: the dev handler
 * @name: the device name
 *
 * Context: process; the caller holds scst_mutex.
 * Return: the device or an ERR_PTR().
 */
struct scst_device *scst_alloc_device(const struct scst_dev_type *dt,
				      const char *name)
{
	struct scst_device *dev;
	int ret;

	if (!name[0] || strlen(name) >= sizeof(dev->name))
		return ERR_PTR(-EINVAL);
	if (!try_module_get(dt->owner))
		return ERR_PTR(-ENODEV);

	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev) {
		ret = -ENOMEM;
		goto out_put;
	}
	strscpy(dev->name, name, sizeof(dev->name));
	dev->handler = dt;
	dev->block_size = 512;
	dev->block_shift = 9;
	mutex_init(&dev->mutex);
	INIT_LIST_HEAD(&dev->node);
	INIT_LIST_HEAD(&dev->tgt_devs);
	kref_init(&dev->refs);
	atomic_set(&dev->nr_dying, 0);
	init_waitqueue_head(&dev->dying_wq);
	spin_lock_init(&dev->res_lock);

	if (dt->alloc_device) {
		ret = dt->alloc_device(dev);
		if (ret)
			goto out_free;
	}
	scst_dev_default_ident(dev);
	return dev;

out_free:
	kfree(dev);
out_put:
	module_put(dt->owner);
	return ERR_PTR(ret);
}

/* The last reference to @dev is gone: no nexus uses it any more */
static void scst_dev_release(struct kref *kref)
{
	struct scst_device *dev = container_of(kref, struct scst_device, refs);
	const struct scst_dev_type *dt = dev->handler;

	WARN_ON_ONCE(dev->exported || !list_empty(&dev->tgt_devs));
	if (dev->enabled)
		dt->detach(dev);
	if (dt->free_device)
		dt->free_device(dev);
	scst_dev_free_threads(dev);
	mutex_destroy(&dev->mutex);
	kfree(dev);
	module_put(dt->owner);
}

/* Drop a reference taken by scst_alloc_device() or an I_T_L nexus */
void scst_dev_put(struct scst_device *dev)
{
	kref_put(&dev->refs, scst_dev_release);
}

/*
 * Wait, for at most wait_timeout_ms, until the commands of the LUNs that
 * no longer map @dev have ended (scst_tgt_dev_free_work()); then name
 * and abort those left. A fatal signal ends the wait early.
 *
 * Return: 0, -EBUSY after the timeout or -EINTR.
 */
static int scst_dev_wait_unused(struct scst_device *dev, const char *what)
{
	unsigned long t = READ_ONCE(scst_wait_timeout_ms);
	struct scst_tgt_dev *td;
	long ret;

	ret = wait_event_killable_timeout(dev->dying_wq,
					  !atomic_read(&dev->nr_dying),
					  msecs_to_jiffies(t));
	if (ret > 0)
		return 0;
	if (ret < 0)
		return -EINTR;
	/* A nexus on the list keeps its session (scst_tgt_dev_free_work()) */
	rcu_read_lock();
	list_for_each_entry_rcu(td, &dev->tgt_devs, dev_node)
		if (percpu_ref_is_dying(&td->refs))
			scst_report_cmds(td->sess, td, SCST_ANY_LUN,
					 SCST_ANY_TAG, what, t);
	rcu_read_unlock();
	return -EBUSY;
}

/**
 * scst_free_device() - free a device made by scst_alloc_device()
 * @dev: the device, unexported
 *
 * Waits, for at most wait_timeout_ms, for the commands of LUNs that
 * mapped @dev. If some are still in flight then, they are named in the
 * kernel log and aborted, and @dev is freed, and detached if enabled,
 * when the last of them ends.
 *
 * Context: process.
 */
void scst_free_device(struct scst_device *dev)
{
	if (scst_dev_wait_unused(dev, "deletion of a device"))
		pr_warn("scst: device %s deleted with commands of removed LUNs in flight: freed when they end\n",
			dev->name);
	scst_dev_put(dev);
}

/**
 * scst_dev_enable() - attach a device to its backing store or detach it
 * @dev: the device
 * @enable: attach if true, detach if false
 *
 * Context: process; takes dev->mutex.
 * Disabling waits, for at most wait_timeout_ms, for the commands of LUNs
 * that no longer map the device to end; those still in flight then are
 * named in the kernel log and aborted.
 *
 * Return: 0, -EBUSY when disabling a device a LUN maps or one with such
 * commands in flight, -EINVAL when the handler reported a geometry the
 * core cannot use, or the handler's error.
 */
int scst_dev_enable(struct scst_device *dev, bool enable)
{
	bool waited = false;
	int ret = 0;

	mutex_lock(&dev->mutex);
again:
	if (enable == dev->enabled)
		goto out;

	if (!enable) {
		if (dev->exported) {
			ret = -EBUSY;
			goto out;
		}
		/* Commands of LUNs that mapped the device may be in flight */
		if (atomic_read(&dev->nr_dying)) {
			mutex_unlock(&dev->mutex);
			ret = waited ? -EBUSY :
				scst_dev_wait_unused(dev, "disabling of a device");
			waited = true;
			mutex_lock(&dev->mutex);
			if (!ret)
				goto again;
			if (ret == -EINTR)
				goto out;
			pr_warn("scst: device %s not disabled: commands of removed LUNs in flight\n",
				dev->name);
			goto out;
		}
		dev->handler->detach(dev);
		dev->enabled = false;
		goto out;
	}

	ret = dev->handler->attach(dev);
	if (ret)
		goto out;
	if (!is_power_of_2(dev->block_size) || dev->block_size < 512 ||
	    dev->block_size > 4096 || !dev->nr_blocks) {
		dev->handler->detach(dev);
		ret = -EINVAL;
		goto out;
	}
	dev->block_shift = ilog2(dev->block_size);
	dev->enabled = true;
out:
	mutex_unlock(&dev->mutex);
	return ret;
}
