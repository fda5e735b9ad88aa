/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SCST core: objects and functions shared by the core's files only.
 */
#ifndef _SCST_PRIV_H
#define _SCST_PRIV_H

#include <linux/percpu-refcount.h>
#include <linux/rcupdate.h>
#include <linux/sizes.h>
#include <linux/wait.h>
#include <kunit/visibility.h>
#include <scst/scst.h>

#define SCST_DEFAULT_VENDOR	"SCST"
/* Most of the medium a command may touch beyond its data and run inline */
#define SCST_INLINE_SPAN	SZ_1M
#define SCST_REVISION		"0100"

/**
 * struct scst_session - an I_T nexus
 * @tgt: the target port
 * @initiator_name: the initiator port name
 * @tgt_priv: the target driver's private data
 * @acg: the access control group whose LUN map it sees, under
 *	tgt->lun_mutex
 * @lock: protects @cmds and @closing
 * @cmds: commands in flight on this session
 * @closing: a forced close is in progress (scst_sess_force_close()):
 *	commands that arrive are aborted until scst_sess_reopen()
 * @tgt_devs: struct scst_tgt_dev by LUN; written under tgt->lun_mutex,
 *	read under RCU
 * @refs: references; commands hold one each
 * @shutdown: completed when the last reference is dropped
 * @nr_tgt_devs: I_T_L nexuses of the session not yet freed, also those
 *	no longer in @tgt_devs (scst_tgt_dev_del()); the session outlives
 *	them
 * @tgt_node: entry in tgt->sessions
 * @group: configfs directory sessions/<initiator_name>
 * @from_configfs: made by mkdir in configfs
 * @nr_cmds: commands received
 * @read_bytes: bytes sent to the initiator
 * @write_bytes: bytes received from the initiator
 */
struct scst_session {
	struct scst_tgt *tgt;
	char *initiator_name;
	void *tgt_priv;
	struct scst_acg *acg;

	spinlock_t lock;		/* @cmds, @closing */
	struct list_head cmds;
	bool closing;
	struct xarray tgt_devs;
	struct percpu_ref refs;
	struct completion shutdown;
	atomic_t nr_tgt_devs;
	struct list_head tgt_node;
	struct config_group group;
	bool from_configfs;

	atomic64_t nr_cmds;
	atomic64_t read_bytes;
	atomic64_t write_bytes;
};

/**
 * struct scst_order - task set state for task attributes
 * @simple: SIMPLE and untagged commands executing
 * @ordered: ORDERED commands executing (at most one)
 */
struct scst_order {
	unsigned int simple;
	unsigned int ordered;
};

/* Most unit attentions pending on an I_T_L nexus (scst_ua.c) */
#define SCST_MAX_UA		16

/**
 * struct scst_tgt_dev - an I_T_L nexus: a LUN as one session sees it
 * @sess: the session
 * @dev: the device
 * @lun: the LUN
 * @read_only: the LUN is mapped read-only
 * @refs: references; commands hold one each
 * @free_work: frees the nexus once @refs has dropped to zero after a kill
 * @dev_node: entry in dev->tgt_devs; changed under dev->mutex, read
 *	under dev->mutex or RCU
 * @rcu: for freeing after an RCU grace period
 * @ua_lock: protects @ua and @nr_ua
 * @nr_ua: how many unit attentions are pending
 * @ua: the pending unit attentions (ASC and ASCQ), oldest first
 * @order_lock: protects @order and @deferred
 * @order: executing commands by task attribute
 * @deferred: commands waiting for their task attribute to allow them
 * @in_flight: commands in the task set, for TASK SET FULL
 * @wq: the nexus' own thread pool (device threads_per_ini), or NULL
 */
struct scst_tgt_dev {
	struct scst_session *sess;
	struct scst_device *dev;
	u64 lun;
	bool read_only;
	struct percpu_ref refs;
	struct work_struct free_work;
	struct list_head dev_node;
	struct rcu_head rcu;
	spinlock_t ua_lock;		/* @nr_ua, @ua */
	u8 nr_ua;
	u16 ua[SCST_MAX_UA];
	spinlock_t order_lock;		/* @order, @deferred */
	struct scst_order order;
	struct list_head deferred;
	atomic_t in_flight;
	struct workqueue_struct *wq;
};

/* Most commands one I_T_L nexus may have; more get TASK SET FULL. */
#define SCST_MAX_TASK_SET	256

/**
 * struct scst_acg - an access control group: a LUN map and who sees it
 * @tgt: the target
 * @luns: the LUN map, struct scst_lun by LUN
 * @inis: initiator name patterns, struct scst_acn; empty for the
 *	target's default group
 * @node: entry in tgt->acgs
 * @group: configfs directory ini_groups/<name>
 * @luns_group: configfs directory of the LUN map
 * @inis_group: configfs directory initiators/
 *
 * All fields are changed under tgt->lun_mutex.
 */
struct scst_acg {
	struct scst_tgt *tgt;
	struct xarray luns;
	struct list_head inis;
	struct list_head node;
	struct config_group group;
	struct config_group luns_group;
	struct config_group inis_group;
};

/**
 * struct scst_acn - an initiator name pattern of a group
 * @acg: the group
 * @node: entry in acg->inis
 * @item: configfs item initiators/<pattern>
 * @pattern: the pattern; see scst_ini_match()
 */
struct scst_acn {
	struct scst_acg *acg;
	struct list_head node;
	struct config_item item;
	char pattern[];
};

/**
 * struct scst_lun - one entry of a LUN map
 * @tgt: the target
 * @acg: the group whose map it is
 * @lun: the LUN
 * @dev: the device it maps, NULL while no device is linked
 * @read_only: export the device read-only
 * @group: configfs directory luns/<lun>
 */
struct scst_lun {
	struct scst_tgt *tgt;
	struct scst_acg *acg;
	u64 lun;
	struct scst_device *dev;
	bool read_only;
	struct config_group group;
};

/* scst_main.c */
extern struct mutex scst_mutex;
extern struct workqueue_struct *scst_wq;

/* scst_acl.c */
bool scst_ini_match(const char *const *patterns, unsigned int nr,
		    const char *name);
struct scst_acg *scst_acg_alloc(struct scst_tgt *tgt);
void scst_acg_free(struct scst_acg *acg);
struct scst_acg *scst_acg_find(struct scst_tgt *tgt, const char *name);
void scst_acl_changed(struct scst_tgt *tgt);

/* scst_tgt.c */
struct scst_tgt *scst_alloc_target(const struct scst_tgt_template *tgtt,
				   const char *name);
void scst_put_target(struct scst_tgt *tgt);
int scst_tgt_dev_add(struct scst_session *sess, struct scst_lun *lun);
void scst_tgt_dev_del(struct scst_session *sess, u64 lun);
void scst_notify_luns_changed(struct scst_session *sess);
int scst_lun_map(struct scst_lun *lun, struct scst_device *dev);
void scst_lun_unmap(struct scst_lun *lun);
void scst_sess_put(struct scst_session *sess);
int scst_sess_luns(struct scst_session *sess, u64 *luns, unsigned int max);
int scst_sess_force_close(struct scst_session *sess);
struct scst_tgt_dev *scst_tgt_dev_get(struct scst_session *sess, u64 lun);
void scst_tgt_dev_put(struct scst_tgt_dev *tgt_dev);

/* scst_dev.c */
struct scst_device *scst_alloc_device(const struct scst_dev_type *dt,
				      const char *name);
void scst_free_device(struct scst_device *dev);
void scst_dev_put(struct scst_device *dev);
int scst_dev_enable(struct scst_device *dev, bool enable);

/* scst_sgv.c: the data buffer cache */
#define SCST_SGV_ORDERS		12	/* 1 to 2048 pages */
#define SCST_SGV_DEFAULT_LIMIT	(64UL << (20 - PAGE_SHIFT))

/**
 * struct scst_sgv_stats - statistics of the data buffer cache
 * @cached_pages: pages held by cached buffers
 * @limit_pages: most pages the cache may hold
 * @hits: buffers served from the cache
 * @misses: buffers allocated because none was cached
 * @inflight_pages: pages of the buffers commands hold now
 * @inflight_limit_pages: most pages commands may hold at once
 * @refused: buffers refused because that limit would have been passed
 */
struct scst_sgv_stats {
	unsigned long cached_pages;
	unsigned long limit_pages;
	u64 hits;
	u64 misses;
	unsigned long inflight_pages;
	unsigned long inflight_limit_pages;
	u64 refused;
};

struct scatterlist *scst_sgv_get(u32 len, gfp_t gfp, unsigned int *sg_cnt);
void scst_sgv_put(struct scatterlist *sg, unsigned int sg_cnt);
void scst_sgv_set_limit(unsigned long pages);
void scst_sgv_set_inflight_limit(unsigned long pages);
void scst_sgv_stats(struct scst_sgv_stats *stats);
int scst_sgv_init(unsigned long limit_pages);
void scst_sgv_exit(void);

/* scst_wait.c */
extern unsigned int scst_wait_timeout_ms;
unsigned int scst_report_cmds(struct scst_session *sess,
			      struct scst_tgt_dev *td, u64 lun, u64 tag,
			      const char *what, unsigned long waited_ms);
void scst_wait_cmds(struct completion *done, struct scst_session *sess,
		    const char *what);

/* scst_cmd.c */
bool scst_cmd_may_be_long(const struct scst_cmd *cmd);
s64 scst_cmd_resid(const struct scst_cmd *cmd, u32 done);
void scst_process_cmd(struct scst_cmd *cmd);
void scst_free_cmd(struct scst_cmd *cmd);
int scst_alloc_cmd_buf(struct scst_cmd *cmd, gfp_t gfp);
void scst_free_cmd_buf(struct scst_cmd *cmd);
int scst_cmd_cache_init(void);
void scst_cmd_cache_exit(void);

/* scst_ua.c */
void scst_tgt_dev_set_ua(struct scst_tgt_dev *td, u16 asc_ascq);
void scst_sess_set_ua(struct scst_session *sess, u16 asc_ascq);
bool scst_check_ua(struct scst_cmd *cmd);
bool scst_ua_take(struct scst_cmd *cmd, u16 *asc_ascq);
void scst_ua_clear(struct scst_tgt_dev *td);

/* scst_res.c */
bool scst_res_allowed(const u8 *cdb);
bool scst_res_exec(struct scst_cmd *cmd);
void scst_res_release_nexus(struct scst_tgt_dev *td);
void scst_res_reset(struct scst_device *dev);

/* scst_threads.c */
#define SCST_MAX_DEV_THREADS	64
void scst_queue_cmd_work(struct scst_cmd *cmd);
int scst_dev_set_threads(struct scst_device *dev, unsigned int num,
			 bool per_ini);
void scst_dev_free_threads(struct scst_device *dev);
int scst_tgt_dev_init_threads(struct scst_tgt_dev *td);
void scst_tgt_dev_free_threads(struct scst_tgt_dev *td);
int scst_tgt_set_cpus(struct scst_tgt *tgt, const struct cpumask *cpus);

/* scst_suspend.c */
bool scst_cmd_activate(struct scst_cmd *cmd);
void scst_cmd_deactivate(struct scst_cmd *cmd);
int scst_suspend_activity(unsigned int timeout_ms);
void scst_resume_activity(void);
bool scst_activity_suspended(void);
int scst_suspend_init(void);
void scst_suspend_exit(void);

/* scst_order.c */
bool scst_order_may_start(const struct scst_order *o, enum scst_queue_type qt,
			  bool older_waiting);
void scst_order_start(struct scst_order *o, enum scst_queue_type qt);
void scst_order_finish(struct scst_order *o, enum scst_queue_type qt);
bool scst_order_admit(struct scst_cmd *cmd);
void scst_order_done(struct scst_cmd *cmd);

/* scst_tm.c */
int scst_sess_nexus_loss(struct scst_session *sess);
int scst_abort_cmd(struct scst_cmd *cmd, struct scst_mgmt_cmd *mcmd,
		   const struct scst_session *by, struct scst_tgt_dev *td);
void scst_cmd_put_mcmds(struct scst_cmd *cmd);
bool scst_tmf_matches(const struct scst_cmd *cmd,
		      const struct scst_tgt_dev *td);
void scst_mgmt_cmd_put(struct scst_mgmt_cmd *mcmd);
bool scst_qerr_applies(const struct scst_cmd *cmd);
unsigned int scst_qerr_abort(struct scst_cmd *cmd);

/* scst_cdb.c */
const struct scst_opcode_desc *scst_lookup_opcode(const u8 *cdb,
						  unsigned int cdb_len);
int scst_decode_cdb(struct scst_cmd *cmd);

/* scst_spc.c: commands the core answers for every device type */
int scst_build_std_inquiry(const struct scst_device *dev, u16 transport,
			   u8 *buf, unsigned int len);
int scst_build_vpd(const struct scst_device *dev, u8 page, u8 *buf,
		   unsigned int len);
int scst_build_report_luns(const u64 *luns, unsigned int nr_luns, u8 *buf,
			   unsigned int len);
enum scst_exec_result scst_spc_exec(struct scst_cmd *cmd);

/* scst_parse.c: configfs value parsing */
int scst_parse_block_size(const char *page, size_t count, u32 *val);
int scst_parse_ident(const char *page, size_t count, char *dst,
		     size_t dst_size);
int scst_parse_lun(const char *name, u64 *lun);
int scst_parse_trigger(const char *page, size_t count);

/* scst_configfs.c */
int scst_configfs_init(void);
void scst_configfs_exit(void);
int scst_configfs_add_dev_type(const struct scst_dev_type *dt);
void scst_configfs_del_dev_type(const struct scst_dev_type *dt);
int scst_configfs_add_tgtt(const struct scst_tgt_template *tgtt);
void scst_configfs_del_tgtt(const struct scst_tgt_template *tgtt);
int scst_configfs_add_target(struct scst_tgt *tgt);
void scst_configfs_del_target(struct scst_tgt *tgt);
void scst_configfs_init_session(struct scst_session *sess);
int scst_configfs_add_session(struct scst_session *sess);
void scst_configfs_del_session(struct scst_session *sess);

#endif /* _SCST_PRIV_H */
