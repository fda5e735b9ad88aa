// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCST core: module setup and the registries of target drivers and dev
 * handlers.
 */
#include <linux/module.h>
#include <linux/slab.h>

#include "scst_priv.h"

/* Protects the registries and the device list. */
DEFINE_MUTEX(scst_mutex);
struct workqueue_struct *scst_wq;

struct scst_dev_type_entry {
	const struct scst_dev_type *dt;
	struct list_head node;
};

struct scst_tgtt_entry {
	const struct scst_tgt_template *tgtt;
	struct list_head node;
};

static LIST_HEAD(scst_dev_types);
static LIST_HEAD(scst_tgt_templates);

static struct scst_dev_type_entry *scst_dev_type_entry(const char *name)
{
	struct scst_dev_type_entry *e;

	lockdep_assert_held(&scst_mutex);
	list_for_each_entry(e, &scst_dev_types, node)
		if (!strcmp(e->dt->name, name))
			return e;
	return NULL;
}

/**
 * scst_find_dev_type() - look up a registered dev handler by name
 * @name: handler name
 *
 * Context: the caller holds scst_mutex.
 * Return: the handler, or NULL.
 */
const struct scst_dev_type *scst_find_dev_type(const char *name)
{
	struct scst_dev_type_entry *e = scst_dev_type_entry(name);

	return e ? e->dt : NULL;
}

static bool scst_name_valid(const char *name)
{
	return name && name[0] && strlen(name) < 64 && !strchr(name, '/');
}

/**
 * scst_register_dev_type() - register a dev handler
 * @dt: the handler; must stay valid until scst_unregister_dev_type()
 *
 * Makes the handler's directory under /sys/kernel/config/scst/handlers,
 * where users make its devices.
 *
 * Return: 0, -EINVAL for a malformed handler, -EEXIST if the name is
 * taken, or another -errno.
 */
int scst_register_dev_type(const struct scst_dev_type *dt)
{
	struct scst_dev_type_entry *e;
	int ret;

	if (!scst_name_valid(dt->name) || !dt->exec || !dt->attach)
		return -EINVAL;

	e = kzalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		return -ENOMEM;
	e->dt = dt;

	/*
	 * configfs calls into the core with its directory locks held, so
	 * the core never holds scst_mutex while it changes configfs.
	 */
	mutex_lock(&scst_mutex);
	if (scst_dev_type_entry(dt->name)) {
		mutex_unlock(&scst_mutex);
		kfree(e);
		return -EEXIST;
	}
	list_add_tail(&e->node, &scst_dev_types);
	mutex_unlock(&scst_mutex);

	ret = scst_configfs_add_dev_type(dt);
	if (ret) {
		mutex_lock(&scst_mutex);
		list_del(&e->node);
		mutex_unlock(&scst_mutex);
		kfree(e);
		return ret;
	}
	pr_info("scst: dev handler %s registered\n", dt->name);
	return 0;
}
EXPORT_SYMBOL_GPL(scst_register_dev_type);

/**
 * scst_unregister_dev_type() - unregister a dev handler
 * @dt: the handler
 *
 * Called from the handler's module exit; the handler's devices are gone
 * by then, since each of them pins the module.
 */
void scst_unregister_dev_type(const struct scst_dev_type *dt)
{
	struct scst_dev_type_entry *e;

	mutex_lock(&scst_mutex);
	e = scst_dev_type_entry(dt->name);
	if (e)
		list_del(&e->node);
	mutex_unlock(&scst_mutex);
	if (!e)
		return;
	scst_configfs_del_dev_type(dt);
	kfree(e);
	pr_info("scst: dev handler %s unregistered\n", dt->name);
}
EXPORT_SYMBOL_GPL(scst_unregister_dev_type);

static struct scst_tgtt_entry *scst_tgtt_entry(const char *name)
{
	struct scst_tgtt_entry *e;

	lockdep_assert_held(&scst_mutex);
	list_for_each_entry(e, &scst_tgt_templates, node)
		if (!strcmp(e->tgtt->name, name))
			return e;
	return NULL;
}

/**
 * scst_register_target_template() - register a target driver
 * @tgtt: the driver; must stay valid until
 *	scst_unregister_target_template()
 *
 * Makes the driver's directory under /sys/kernel/config/scst/targets.
 *
 * Return: 0, -EINVAL for a malformed template, -EEXIST if the name is
 * taken, or another -errno.
 */
int scst_register_target_template(const struct scst_tgt_template *tgtt)
{
	struct scst_tgtt_entry *e;
	int ret;

	if (!scst_name_valid(tgtt->name) || !tgtt->xmit_response ||
	    !tgtt->task_mgmt_fn_done)
		return -EINVAL;

	e = kzalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		return -ENOMEM;
	e->tgtt = tgtt;

	mutex_lock(&scst_mutex);
	if (scst_tgtt_entry(tgtt->name)) {
		mutex_unlock(&scst_mutex);
		kfree(e);
		return -EEXIST;
	}
	list_add_tail(&e->node, &scst_tgt_templates);
	mutex_unlock(&scst_mutex);

	ret = scst_configfs_add_tgtt(tgtt);
	if (ret) {
		mutex_lock(&scst_mutex);
		list_del(&e->node);
		mutex_unlock(&scst_mutex);
		kfree(e);
		return ret;
	}
	pr_info("scst: target driver %s registered\n", tgtt->name);
	return 0;
}
EXPORT_SYMBOL_GPL(scst_register_target_template);

/**
 * scst_unregister_target_template() - unregister a target driver
 * @tgtt: the driver
 *
 * The driver must have unregistered the targets it registered with
 * scst_register_target(); targets made through configfs pin the module
 * and so are gone already.
 */
void scst_unregister_target_template(const struct scst_tgt_template *tgtt)
{
	struct scst_tgtt_entry *e;

	mutex_lock(&scst_mutex);
	e = scst_tgtt_entry(tgtt->name);
	if (e)
		list_del(&e->node);
	mutex_unlock(&scst_mutex);
	if (!e)
		return;
	scst_configfs_del_tgtt(tgtt);
	kfree(e);
	pr_info("scst: target driver %s unregistered\n", tgtt->name);
}
EXPORT_SYMBOL_GPL(scst_unregister_target_template);

static int __init scst_init(void)
{
	int ret;

	/*
	 * Commands run here only when their next step may sleep and the
	 * context they arrived in may not; per-CPU keeps them near the
	 * submitter. WQ_MEM_RECLAIM: a target may back swap or writeback.
	 */
	scst_wq = alloc_workqueue("scst", WQ_MEM_RECLAIM, 0);
	if (!scst_wq)
		return -ENOMEM;
	ret = scst_cmd_cache_init();
	if (ret)
		goto out_wq;
	ret = scst_sgv_init(SCST_SGV_DEFAULT_LIMIT);
	if (ret)
		goto out_cache;
	ret = scst_configfs_init();
	if (ret)
		goto out_sgv;
	return 0;

out_sgv:
	scst_sgv_exit();
out_cache:
	scst_cmd_cache_exit();
out_wq:
	destroy_workqueue(scst_wq);
	return ret;
}

static void __exit scst_exit(void)
{
	scst_configfs_exit();
	scst_sgv_exit();
	scst_cmd_cache_exit();
	destroy_workqueue(scst_wq);
}

module_init(scst_init);
module_exit(scst_exit);

MODULE_AUTHOR("SCST developers");
MODULE_DESCRIPTION("SCSI target framework core");
MODULE_LICENSE("GPL");
