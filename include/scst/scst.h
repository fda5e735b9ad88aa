/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SCST: the SCSI target framework.
 *
 * This header is the whole interface between the SCST core and its two
 * kinds of clients:
 *
 *  - target drivers, which receive commands from initiators over a
 *    transport and hand them to the core (struct scst_tgt_template);
 *  - dev handlers, which execute commands on a backing store
 *    (struct scst_dev_type).
 *
 * See Documentation/scst/design.rst for the objects, their lifetimes and
 * locks, and the command state machine.
 */
#ifndef _SCST_SCST_H
#define _SCST_SCST_H

#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/configfs.h>
#include <linux/cpumask.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/scatterlist.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#include <scsi/scsi_proto.h>
#include <scsi/scsi_status.h>
#include <scst/scst_const.h>

/* Longest CDB the core accepts (variable-length CDBs up to 32 bytes). */
#define SCST_MAX_CDB_SIZE		32
/* Sense buffer size; large enough for descriptor sense with several
 * descriptors.
 */
#define SCST_SENSE_BUFFERSIZE		96
/* Length of fixed format sense data produced by the core. */
#define SCST_FIXED_SENSE_LEN		18
/* Highest LUN the core maps (flat space addressing limit). */
#define SCST_MAX_LUN			16383
/* Length of an SCSI LUN field as carried by transports. */
#define SCST_LUN_LEN			8

struct scst_acg;
struct scst_cmd;
struct scst_device;
struct scst_session;
struct scst_tgt;
struct scst_mgmt_cmd;
struct scst_mcmd_wait;
struct scst_opcode_desc;

/**
 * enum scst_data_direction - direction of data transfer of a command
 * @SCST_DATA_NONE: no data
 * @SCST_DATA_WRITE: data flows from the initiator to the target
 * @SCST_DATA_READ: data flows from the target to the initiator
 * @SCST_DATA_BIDI: both directions
 */
enum scst_data_direction {
	SCST_DATA_NONE	= 0,
	SCST_DATA_WRITE	= 1,
	SCST_DATA_READ	= 2,
	SCST_DATA_BIDI	= SCST_DATA_WRITE | SCST_DATA_READ,
};

/**
 * enum scst_queue_type - SAM task attribute of a command
 * @SCST_QUEUE_SIMPLE: SIMPLE
 * @SCST_QUEUE_ORDERED: ORDERED
 * @SCST_QUEUE_HEAD_OF_QUEUE: HEAD OF QUEUE
 * @SCST_QUEUE_ACA: ACA
 * @SCST_QUEUE_UNTAGGED: no task attribute given by the transport
 */
enum scst_queue_type {
	SCST_QUEUE_SIMPLE,
	SCST_QUEUE_ORDERED,
	SCST_QUEUE_HEAD_OF_QUEUE,
	SCST_QUEUE_ACA,
	SCST_QUEUE_UNTAGGED,
};

/**
 * enum scst_context - where the core may continue processing a command
 * @SCST_CONTEXT_DIRECT: in the caller's context, which may sleep
 * @SCST_CONTEXT_DIRECT_ATOMIC: in the caller's context, which must not
 *	sleep; steps that may sleep are handed to a core thread
 * @SCST_CONTEXT_THREAD: always in a core thread
 */
enum scst_context {
	SCST_CONTEXT_DIRECT,
	SCST_CONTEXT_DIRECT_ATOMIC,
	SCST_CONTEXT_THREAD,
};

/**
 * enum scst_cmd_state - processing states of a command
 *
 * The core moves a command through these states; see
 * Documentation/scst/design.rst for who moves it between them.
 *
 * @SCST_CMD_STATE_INIT: received; LUN to be resolved
 * @SCST_CMD_STATE_PARSE: CDB to be decoded
 * @SCST_CMD_STATE_PREPARE_SPACE: data buffer to be allocated
 * @SCST_CMD_STATE_RDY_TO_XFER: write data to be fetched from the initiator
 * @SCST_CMD_STATE_DATA_WAIT: waiting for the target driver's scst_rx_data()
 * @SCST_CMD_STATE_EXEC: to be executed by the core or the dev handler
 * @SCST_CMD_STATE_EXEC_WAIT: waiting for the dev handler's
 *	scst_cmd_exec_done()
 * @SCST_CMD_STATE_DEV_DONE: executed; dev handler post-processing
 * @SCST_CMD_STATE_PRE_XMIT: response to be built
 * @SCST_CMD_STATE_XMIT: response handed to the target driver
 * @SCST_CMD_STATE_XMIT_WAIT: waiting for the target driver's
 *	scst_tgt_cmd_done()
 * @SCST_CMD_STATE_FINISHED: done; to be freed
 */
enum scst_cmd_state {
	SCST_CMD_STATE_INIT,
	SCST_CMD_STATE_PARSE,
	SCST_CMD_STATE_PREPARE_SPACE,
	SCST_CMD_STATE_RDY_TO_XFER,
	SCST_CMD_STATE_DATA_WAIT,
	SCST_CMD_STATE_EXEC,
	SCST_CMD_STATE_EXEC_WAIT,
	SCST_CMD_STATE_DEV_DONE,
	SCST_CMD_STATE_PRE_XMIT,
	SCST_CMD_STATE_XMIT,
	SCST_CMD_STATE_XMIT_WAIT,
	SCST_CMD_STATE_FINISHED,
};

/**
 * enum scst_tmf - task management functions (SAM-5 clause 7)
 * @SCST_TMF_ABORT_TASK: ABORT TASK
 * @SCST_TMF_ABORT_TASK_SET: ABORT TASK SET
 * @SCST_TMF_CLEAR_TASK_SET: CLEAR TASK SET
 * @SCST_TMF_CLEAR_ACA: CLEAR ACA
 * @SCST_TMF_LUN_RESET: LOGICAL UNIT RESET
 * @SCST_TMF_TARGET_RESET: TARGET RESET
 * @SCST_TMF_NEXUS_LOSS: I_T NEXUS RESET
 * @SCST_TMF_QUERY_TASK: QUERY TASK
 */
enum scst_tmf {
	SCST_TMF_ABORT_TASK,
	SCST_TMF_ABORT_TASK_SET,
	SCST_TMF_CLEAR_TASK_SET,
	SCST_TMF_CLEAR_ACA,
	SCST_TMF_LUN_RESET,
	SCST_TMF_TARGET_RESET,
	SCST_TMF_NEXUS_LOSS,
	SCST_TMF_QUERY_TASK,
};

/**
 * enum scst_tmf_status - SAM service response of a task management function
 * @SCST_TMF_COMPLETE: FUNCTION COMPLETE
 * @SCST_TMF_SUCCEEDED: FUNCTION SUCCEEDED (QUERY TASK found the task)
 * @SCST_TMF_REJECTED: FUNCTION REJECTED
 * @SCST_TMF_LUN_NOT_EXIST: INCORRECT LOGICAL UNIT NUMBER
 * @SCST_TMF_TASK_NOT_EXIST: the task to abort does not exist; reported
 *	as FUNCTION COMPLETE on the wire by most transports
 * @SCST_TMF_FAILED: SERVICE DELIVERY OR TARGET FAILURE: the function
 *	could not be carried out completely (out of memory)
 */
enum scst_tmf_status {
	SCST_TMF_COMPLETE,
	SCST_TMF_SUCCEEDED,
	SCST_TMF_REJECTED,
	SCST_TMF_LUN_NOT_EXIST,
	SCST_TMF_TASK_NOT_EXIST,
	SCST_TMF_FAILED,
};

/**
 * struct scst_tgt_template - a target driver
 * @name: driver name; also its configfs directory under targets/
 * @owner: module implementing the driver
 * @sg_tablesize: most scatterlist entries the driver handles per command;
 *	0 means unlimited
 * @transport_version: version descriptor (SPC-4, standard INQUIRY data)
 *	of the SCSI transport protocol the driver implements, e.g.
 *	SCST_VD_SRP; 0 if it implements none (scst_local)
 * @xmit_response: send the response (status, sense and for reads the
 *	data) of @cmd. Called once per command, also for aborted commands
 *	(scst_cmd_aborted() then is true and nothing should be sent unless
 *	the driver wants to). The driver calls scst_tgt_cmd_done() once the
 *	response is sent; from this call on, the core no longer touches a
 *	buffer the driver supplied with scst_cmd_set_tgt_sg(). May be called
 *	in atomic context. Returns 0.
 * @rdy_to_xfer: fetch the write data of @cmd from the initiator into its
 *	buffer. The driver calls scst_rx_data() when the data has arrived;
 *	it may do so from within this callback. Optional: drivers that
 *	supply the data with the command (scst_cmd_set_tgt_sg()) leave it
 *	NULL. May be called in atomic context. Returns 0.
 * @on_free_cmd: @cmd is about to be freed; release driver resources.
 *	Optional.
 * @task_mgmt_fn_done: @mcmd has completed; scst_mgmt_cmd_status() gives
 *	its result. Called after every command it affected has finished.
 * @add_target: a user made the target @tgt with mkdir in configfs;
 *	set up the driver side. Drivers that let users make targets set
 *	it, even if it has nothing to do; drivers whose targets come from
 *	hardware leave it NULL (mkdir then fails with EPERM) and register
 *	them with scst_register_target().
 * @del_target: undo @add_target before the target is freed. Optional.
 * @add_session: a user made a session with mkdir under the target's
 *	sessions directory; @name is the initiator name. The driver calls
 *	scst_register_session() for it; if it fails after that call, it
 *	calls scst_unregister_session() too before returning the error.
 *	Optional; drivers whose sessions come from logins leave it NULL.
 * @del_session: a user removed @sess with rmdir. The driver must call
 *	scst_unregister_session() for it. Called without core locks held.
 *	Optional.
 * @luns_changed: the LUN map seen by @sess changed. Optional; a driver
 *	that can tell its initiator (an AEN, or a local rescan) does so.
 *	Called with the target's LUN map locked: it must not wait for
 *	commands or I/O (queue work instead).
 * @report_aen: a unit attention condition @asc_ascq was established for
 *	@lun of @sess (SAM-5 asynchronous event reporting). Optional; a
 *	driver that can deliver events to its initiator does so. The unit
 *	attention stays pending either way. Called in any context, with
 *	spinlocks held: it must not sleep.
 * @enable_target: the user set the target's enable attribute; a driver
 *	that has nothing to do may leave it NULL. Returns 0 or -errno.
 * @close_session: the user wrote 1 to the force_close attribute of
 *	@sess. The core has already aborted every command of @sess as for
 *	an I_T nexus loss (SAM-5 6.3.4) and established the unit attention
 *	I_T NEXUS LOSS OCCURRED; until the driver calls scst_sess_reopen()
 *	or scst_unregister_session(), the core aborts every command that
 *	arrives on @sess. The driver ends the I_T nexus as its transport
 *	does when a connection is lost: drop the connection and unregister
 *	the session, or, like scst_local, log the initiator out and in
 *	again, keeping the session, and call scst_sess_reopen() once the
 *	old nexus is gone. Called in the context of the configfs write,
 *	which scst_unregister_session() waits for as it removes the
 *	session's directory: end the nexus asynchronously, e.g. from a
 *	work item. May be called while the driver
 *	unregisters @sess itself. Optional: without it, force_close fails
 *	with EOPNOTSUPP. Returns 0, or -errno if nothing was done (the core
 *	then accepts commands on @sess again).
 */
struct scst_tgt_template {
	const char *name;
	struct module *owner;
	unsigned int sg_tablesize;
	u16 transport_version;

	int (*xmit_response)(struct scst_cmd *cmd);
	int (*rdy_to_xfer)(struct scst_cmd *cmd);
	void (*on_free_cmd)(struct scst_cmd *cmd);
	void (*task_mgmt_fn_done)(struct scst_mgmt_cmd *mcmd);

	int (*add_target)(struct scst_tgt *tgt);
	void (*del_target)(struct scst_tgt *tgt);
	int (*add_session)(struct scst_tgt *tgt, const char *name);
	void (*del_session)(struct scst_session *sess);
	void (*luns_changed)(struct scst_session *sess);
	void (*report_aen)(struct scst_session *sess, u64 lun, u16 asc_ascq);
	int (*enable_target)(struct scst_tgt *tgt, bool enable);
	int (*close_session)(struct scst_session *sess);
};

/**
 * enum scst_exec_result - what a dev handler's exec callback did
 * @SCST_EXEC_COMPLETED: the handler took the command; it calls (or has
 *	already called) scst_cmd_exec_done() for it
 * @SCST_EXEC_NOT_HANDLED: the handler does not implement this command;
 *	the core answers it (or fails it with INVALID COMMAND OPERATION CODE)
 */
enum scst_exec_result {
	SCST_EXEC_COMPLETED,
	SCST_EXEC_NOT_HANDLED,
};

/**
 * struct scst_dev_type - a dev handler
 * @name: handler name; also its configfs directory under handlers/
 * @owner: module implementing the handler
 * @type: SCSI peripheral device type of its devices (TYPE_DISK, ...)
 * @exec_may_sleep: @exec may sleep; the core then calls it only from a
 *	context that may sleep, handing the command to a thread if needed
 * @alloc_device: a user made @dev with mkdir; allocate dev->dh_priv and
 *	set defaults. Returns 0 or -errno.
 * @free_device: free what @alloc_device allocated.
 * @attach: the user enabled @dev: open the backing store and set
 *	dev->nr_blocks (dev->block_size is the configured one; the core
 *	sets dev->block_shift from it once @attach succeeds). Called with
 *	dev->mutex held. Returns 0 or -errno.
 * @detach: the user disabled @dev, which no LUN exports, or removed it;
 *	close the backing store. Called with dev->mutex held, except when
 *	the device is being freed and nobody else can reach it.
 * @parse: decode device-type specific details of @cmd after the core's
 *	table decoding; may reject it with scst_set_cmd_error(). Optional.
 *	Returns 0, or -EINVAL after setting an error on @cmd.
 * @exec: execute @cmd. Returns an &enum scst_exec_result.
 * @dev_done: post-process @cmd after execution. Optional.
 * @op_supported: whether @exec executes the decoded command @op (an
 *	entry of the CDB decode table for the device type) on @dev, rather
 *	than returning %SCST_EXEC_NOT_HANDLED for the core to fail it with
 *	INVALID COMMAND OPERATION CODE. REPORT SUPPORTED OPERATION CODES
 *	reports only the commands for which it returns true; it is not
 *	asked about those the core executes itself (INQUIRY, REPORT LUNS,
 *	REQUEST SENSE, TEST UNIT READY, RESERVE, RELEASE, REPORT SUPPORTED
 *	OPERATION CODES and REPORT SUPPORTED TASK MANAGEMENT FUNCTIONS).
 *	Called in any context, also atomic; must not sleep. Optional:
 *	without it every command of the table for the device type is
 *	reported.
 * @dev_attrs: NULL-terminated configfs attributes of this handler's
 *	devices, in addition to the core's. Their show and store callbacks
 *	find the device with to_scst_dev().
 */
struct scst_dev_type {
	const char *name;
	struct module *owner;
	u8 type;
	bool exec_may_sleep;

	int (*alloc_device)(struct scst_device *dev);
	void (*free_device)(struct scst_device *dev);
	int (*attach)(struct scst_device *dev);
	void (*detach)(struct scst_device *dev);

	int (*parse)(struct scst_cmd *cmd);
	enum scst_exec_result (*exec)(struct scst_cmd *cmd);
	void (*dev_done)(struct scst_cmd *cmd);
	bool (*op_supported)(const struct scst_device *dev,
			     const struct scst_opcode_desc *op);

	struct configfs_attribute **dev_attrs;
};

/**
 * struct scst_dev_ident - identity a device reports in INQUIRY data
 * @vendor: T10 vendor identification, space padded, 8 bytes
 * @product: product identification, space padded, 16 bytes
 * @revision: product revision level, space padded, 4 bytes
 * @serial: unit serial number (VPD page 0x80), NUL terminated
 * @naa_id: NAA IEEE Registered designator (VPD page 0x83)
 */
struct scst_dev_ident {
	char vendor[8 + 1];
	char product[16 + 1];
	char revision[4 + 1];
	char serial[32 + 1];
	u64 naa_id;
};

/* QERR values of the control mode page (SPC-4 7.5.8); 10b is reserved */
#define SCST_QERR_NONE		0	/* other commands are not affected */
#define SCST_QERR_ABORT_ALL	1	/* abort the task set, every nexus */
#define SCST_QERR_ABORT_NEXUS	3	/* abort the failing nexus' commands */

/**
 * struct scst_device - a SCSI logical unit implemented by a dev handler
 * @name: device name, unique among all devices
 * @handler: the dev handler executing its commands
 * @dh_priv: the dev handler's private data
 * @ident: INQUIRY identity
 * @block_size: logical block size in bytes (a power of two)
 * @block_shift: log2(@block_size)
 * @nr_blocks: capacity in logical blocks, set by the handler's attach
 * @read_only: the device rejects writes with DATA PROTECT
 * @write_through: writes are stable when they complete (no volatile cache)
 * @d_sense: return descriptor format sense data (control mode page
 *	D_SENSE, SPC-4 7.5.8); the dev handler owning the page sets it
 * @tas: commands another I_T nexus aborts end with TASK ABORTED status
 *	(control mode page TAS); else they end silently and their
 *	initiator gets COMMANDS CLEARED BY ANOTHER INITIATOR
 * @qerr: what a command ending with CHECK CONDITION does to the other
 *	commands of the task set (control mode page QERR, SPC-4 7.5.8):
 *	%SCST_QERR_NONE, %SCST_QERR_ABORT_ALL or %SCST_QERR_ABORT_NEXUS;
 *	the dev handler owning the page sets it
 * @removable: the medium is removable (INQUIRY RMB)
 * @thin_provisioned: logical block provisioning management is enabled
 *	(READ CAPACITY(16) LBPME; VPD page 0xB2)
 * @lbprz: unmapped blocks read as zeroes
 * @max_unmap_lba_count: most blocks one UNMAP may unmap (VPD 0xB0)
 * @max_unmap_desc_count: most descriptors one UNMAP may carry (VPD 0xB0)
 * @unmap_granularity: optimal unmap granularity in blocks (VPD 0xB0)
 * @max_write_same_len: most blocks one WRITE SAME may write (VPD 0xB0)
 * @enabled: attached to its backing store; may be exported
 * @exported: number of LUNs mapping this device
 * @mutex: serialises configuration changes of the device
 * @group: its configfs directory (core private)
 * @node: entry in the core's device list (core private)
 * @tgt_devs: I_T_L nexuses of this device, also those of removed LUNs
 *	whose commands have not all ended (core private)
 * @refs: the configfs item (or the caller of scst_alloc_device()) holds
 *	one reference, each of @tgt_devs one more (core private)
 * @nr_dying: how many of @tgt_devs belong to removed LUNs (core private)
 * @dying_wq: where the removal of the device waits for @nr_dying to
 *	drop to zero (core private)
 * @res_lock: protects @res_holder (core private)
 * @res_holder: I_T_L nexus holding the SPC-2 reservation (core private)
 * @threads_num: threads of the device's own pool, 0 for the shared one
 *	(core private)
 * @threads_per_ini: one pool per initiator instead of one per device
 *	(core private)
 * @wq: the device's own pool, if @threads_num (core private)
 */
struct scst_device {
	char name[64];
	const struct scst_dev_type *handler;
	void *dh_priv;
	struct scst_dev_ident ident;

	u32 block_size;
	u8 block_shift;
	u64 nr_blocks;
	bool read_only;
	bool write_through;
	bool d_sense;
	bool tas;
	u8 qerr;
	bool removable;
	bool thin_provisioned;
	bool lbprz;
	u32 max_unmap_lba_count;
	u32 max_unmap_desc_count;
	u32 unmap_granularity;
	u64 max_write_same_len;
	bool enabled;
	unsigned int exported;

	struct mutex mutex;		/* configuration, @tgt_devs */
	struct config_group group;
	struct list_head node;
	struct list_head tgt_devs;
	struct kref refs;
	atomic_t nr_dying;
	wait_queue_head_t dying_wq;
	spinlock_t res_lock;		/* the SPC-2 reservation */
	const void *res_holder;
	unsigned int threads_num;
	bool threads_per_ini;
	struct workqueue_struct *wq;
};

/**
 * struct scst_tgt - a SCSI target port
 * @tgtt: the target driver
 * @name: target name, unique for its driver
 * @tgt_priv: the target driver's private data
 * @enabled: the target accepts sessions and commands; while it is
 *	disabled, commands arriving on its sessions are aborted
 * @lock: protects @sessions (core private)
 * @sessions: its sessions (core private)
 * @default_acg: the LUN map of initiators in no group (core private)
 * @acgs: its initiator groups, in creation order (core private)
 * @lun_mutex: serialises changes of LUN maps, groups and the session
 *	list (core private)
 * @kref: references; the last put frees it (core private)
 * @group: configfs directory of the target (core private)
 * @sessions_group: configfs sessions directory (core private)
 * @ini_groups_group: configfs ini_groups directory (core private)
 * @registered: made by scst_register_target() (core private)
 * @node: entry in the driver's target list (core private)
 * @mkdir_task: task making a session with mkdir (core private)
 * @mkdir_sess: the session it made (core private)
 * @cpus: CPUs its commands' threads run on (core private)
 * @cpus_set: @cpus leaves some CPUs out (core private)
 */
struct scst_tgt {
	const struct scst_tgt_template *tgtt;
	char name[224];
	void *tgt_priv;
	bool enabled;

	spinlock_t lock;		/* @sessions */
	struct list_head sessions;
	struct scst_acg *default_acg;
	struct list_head acgs;
	struct mutex lun_mutex;		/* LUN maps, groups, sessions */
	struct kref kref;
	struct config_group group;
	struct config_group sessions_group;
	struct config_group ini_groups_group;
	bool registered;
	struct list_head node;
	struct task_struct *mkdir_task;
	struct scst_session *mkdir_sess;
	cpumask_var_t cpus;
	bool cpus_set;
};

/**
 * struct scst_cmd - one SCSI command
 *
 * Fields marked (tgt) are set by the target driver before
 * scst_cmd_init_done(); fields marked (core) are set by the core and are
 * read-only for the drivers; (dh) fields belong to the dev handler while
 * it executes the command.
 *
 * @sess: (core) session the command arrived on
 * @dev: (core) device the command addresses; NULL for an unmapped LUN
 * @lun: (core) LUN, decoded from the transport's LUN field
 * @tag: (tgt) transport tag, unique among the session's commands
 * @queue_type: (tgt) task attribute
 * @cdb: (core) the CDB
 * @cdb_len: (core) length of @cdb
 * @op: (core) decode table entry for the opcode
 * @data_direction: (core) direction decoded from the CDB
 * @lba: (core) logical block address from the CDB, if it has one
 * @nr_blocks: (core) transfer length in logical blocks, if the CDB has one
 * @bufflen: (core) bytes the CDB asks to transfer
 * @expected_dir: (tgt) direction the transport announced
 * @expected_len: (tgt) bytes the transport announced
 * @expected_set: (tgt) @expected_dir and @expected_len are valid
 * @sg: buffer; (tgt) when set with scst_cmd_set_tgt_sg(), else (core)
 * @sg_cnt: number of entries in @sg
 * @buf_len: (core) bytes @sg holds
 * @data_len: (dh) bytes of @sg that hold data to return for a read
 * @data_avail: (dh) for a command with an allocation length, the bytes
 *	the device server had to return before they were cut to @buf_len;
 *	set by scst_cmd_copy_from_buf(), 0 means @data_len
 * @status: (dh) SAM status
 * @sense: (dh) sense data
 * @sense_len: (dh) valid bytes in @sense
 * @resid: (core) residual count for the response: positive for an
 *	underflow, negative for an overflow
 * @state: (core) processing state
 * @flags: (core) SCST_CMD_* bits
 * @tgt_priv: the target driver's private data
 * @dh_priv: the dev handler's private data
 * @tgt_dev: (core) the I_T_L nexus
 * @mcmd: (core) task management function waiting for this command
 * @mcmd_waits: (core) further functions waiting for it (scst_tm.c)
 * @order_node: (core) entry in the nexus' list of deferred commands, or
 *	in the list of commands held while activity is suspended
 * @sess_node: (core) entry in the session's command list
 * @work: (core) for processing in a thread
 * @context: (core) context the current processing step may use
 */
struct scst_cmd {
	struct scst_session *sess;
	struct scst_device *dev;
	u64 lun;
	u64 tag;
	enum scst_queue_type queue_type;

	u8 cdb[SCST_MAX_CDB_SIZE];
	u16 cdb_len;
	const struct scst_opcode_desc *op;
	enum scst_data_direction data_direction;
	u64 lba;
	u32 nr_blocks;
	u32 bufflen;

	enum scst_data_direction expected_dir;
	u32 expected_len;
	bool expected_set;

	struct scatterlist *sg;
	unsigned int sg_cnt;
	u32 buf_len;
	u32 data_len;
	u32 data_avail;

	u8 status;
	u8 sense[SCST_SENSE_BUFFERSIZE];
	u8 sense_len;
	s64 resid;

	enum scst_cmd_state state;
	unsigned long flags;

	void *tgt_priv;
	void *dh_priv;

	struct scst_tgt_dev *tgt_dev;
	struct scst_mgmt_cmd *mcmd;
	struct scst_mcmd_wait *mcmd_waits;
	struct list_head order_node;
	struct list_head sess_node;
	struct work_struct work;
	enum scst_context context;
};

/*
 * scst_cmd.flags bits. Always changed with atomic bitops: a task management
 * function sets SCST_CMD_ABORTED from another context at any time.
 */
#define SCST_CMD_ABORTED	0	/* aborted by a TMF or by QERR */
#define SCST_CMD_TGT_SG		1	/* @sg belongs to the target driver */
#define SCST_CMD_DATA_DONE	2	/* write data is in @sg */
#define SCST_CMD_IN_EXEC	3	/* inside the dev handler's exec */
#define SCST_CMD_ORDER_ACCT	4	/* counted in its task set's order */
#define SCST_CMD_IN_TASK_SET	5	/* counted in its nexus' in_flight */
#define SCST_CMD_TAS		6	/* aborted: answer TASK ABORTED */
#define SCST_CMD_ACTIVE		7	/* counted as active (not held) */
#define SCST_CMD_IN_THREAD	8	/* processed by a core thread */

/**
 * struct scst_mgmt_cmd - one task management function
 * @sess: session it arrived on
 * @fn: the function
 * @lun: LUN it addresses, where the function has one
 * @tag: tag of the task addressed by ABORT TASK and QUERY TASK
 * @status: result
 * @tgt_priv: the target driver's private data
 */
struct scst_mgmt_cmd {
	struct scst_session *sess;
	enum scst_tmf fn;
	u64 lun;
	u64 tag;
	enum scst_tmf_status status;
	void *tgt_priv;

	/* core private */
	atomic_t pending;
	bool nomem;
	struct work_struct work;
	/* functions the core issues itself complete this, not the driver */
	struct completion *done;
};

/* Registration */
int scst_register_target_template(const struct scst_tgt_template *tgtt);
void scst_unregister_target_template(const struct scst_tgt_template *tgtt);
struct scst_tgt *scst_register_target(const struct scst_tgt_template *tgtt,
				      const char *name);
void scst_unregister_target(struct scst_tgt *tgt);
int scst_register_dev_type(const struct scst_dev_type *dt);
void scst_unregister_dev_type(const struct scst_dev_type *dt);

/* Sessions */
struct scst_session *scst_register_session(struct scst_tgt *tgt,
					   const char *initiator_name,
					   void *tgt_priv);
void scst_unregister_session(struct scst_session *sess);
void scst_sess_reopen(struct scst_session *sess);
void *scst_sess_get_tgt_priv(struct scst_session *sess);
const char *scst_sess_initiator_name(struct scst_session *sess);
struct scst_tgt *scst_sess_tgt(struct scst_session *sess);
bool scst_sess_lun_exists(struct scst_session *sess, u64 lun);

/* Commands: target driver side */
struct scst_cmd *scst_rx_cmd(struct scst_session *sess, const u8 *lun,
			     unsigned int lun_len, const u8 *cdb,
			     unsigned int cdb_len, gfp_t gfp);
void scst_cmd_set_expected(struct scst_cmd *cmd,
			   enum scst_data_direction dir, u32 len);
void scst_cmd_set_tgt_sg(struct scst_cmd *cmd, struct scatterlist *sg,
			 unsigned int sg_cnt);
void scst_cmd_init_done(struct scst_cmd *cmd, enum scst_context context);
void scst_rx_data(struct scst_cmd *cmd, int status, enum scst_context context);
void scst_tgt_cmd_done(struct scst_cmd *cmd, enum scst_context context);

/* Commands: dev handler side */
void scst_cmd_exec_done(struct scst_cmd *cmd, enum scst_context context);
void scst_set_cmd_error(struct scst_cmd *cmd, u8 key, u16 asc_ascq);
void scst_set_cmd_error_info(struct scst_cmd *cmd, u8 key, u16 asc_ascq,
			     u64 info);
void scst_set_cmd_status(struct scst_cmd *cmd, u8 status);
void scst_set_invalid_field(struct scst_cmd *cmd, bool in_cdb,
			    unsigned int byte, int bit);
int scst_cmd_copy_from_buf(struct scst_cmd *cmd, const void *buf, u32 len);
int scst_cmd_copy_to_buf(struct scst_cmd *cmd, void *buf, u32 len);
bool scst_cmd_fua(const struct scst_cmd *cmd);
bool scst_cmd_write_protected(const struct scst_cmd *cmd);

/* Task management */
/* Wildcards of scst_sess_report_cmds() */
#define SCST_ANY_LUN	U64_MAX
#define SCST_ANY_TAG	U64_MAX

unsigned int scst_wait_period_ms(void);
void scst_sess_report_cmds(struct scst_session *sess, u64 lun, u64 tag,
			   const char *what, unsigned long waited_ms);
int scst_rx_mgmt_fn(struct scst_session *sess, enum scst_tmf fn, u64 lun,
		    u64 tag, void *tgt_priv);
enum scst_tmf_status scst_mgmt_cmd_status(const struct scst_mgmt_cmd *mcmd);

/* Devices */
struct scst_device *to_scst_dev(struct config_item *item);
void scst_dev_set_ua(struct scst_device *dev, struct scst_session *except,
		     u16 asc_ascq);
void scst_dev_resize(struct scst_device *dev, u64 nr_blocks);
ssize_t scst_dev_store_flag(struct scst_device *dev, bool *flag,
			    const char *page, size_t count);

/* configfs attribute values: one value, optionally one newline */
int scst_parse_bool(const char *page, size_t count, bool *val);
int scst_parse_u64(const char *page, size_t count, u64 *val);

/* LUN addressing (SAM-5 4.7) */
u64 scst_unpack_lun(const u8 *lun, unsigned int len, bool *valid);
void scst_pack_lun(u64 lun, u8 *buf);

/* Sense data (SPC-4 4.5) */
int scst_build_sense(u8 *buf, unsigned int len, bool desc, u8 key,
		     u16 asc_ascq);
int scst_sense_set_info(u8 *buf, unsigned int len, u64 info);
bool scst_sense_parse(const u8 *buf, unsigned int len, u8 *key, u8 *asc,
		      u8 *ascq);
int scst_sense_set_field_pointer(u8 *buf, unsigned int len, bool cd,
				 unsigned int byte, int bit);

/**
 * scst_cmd_aborted() - whether @cmd was aborted and gets no response
 * @cmd: the command
 *
 * A command another I_T nexus aborted while the control mode page's TAS
 * bit is set is not "aborted" here: it gets a response, TASK ABORTED
 * status (SAM-5 5.6), which the driver sends as usual.
 *
 * Return: true if the driver must send no response for @cmd.
 */
static inline bool scst_cmd_aborted(const struct scst_cmd *cmd)
{
	return test_bit(SCST_CMD_ABORTED, &cmd->flags) &&
		!test_bit(SCST_CMD_TAS, &cmd->flags);
}

/**
 * scst_cmd_abort_requested() - whether @cmd has been aborted at all
 * @cmd: the command
 *
 * For a dev handler that works on a command for long (VERIFY, WRITE
 * SAME of many blocks): once true, it stops and completes @cmd as usual;
 * the core then answers TASK ABORTED or nothing, whatever status the
 * handler set. Unlike scst_cmd_aborted(), also true for a command that
 * gets a response (TASK ABORTED, with TAS set).
 *
 * Return: true if a task management function or QERR aborted @cmd.
 */
static inline bool scst_cmd_abort_requested(const struct scst_cmd *cmd)
{
	return test_bit(SCST_CMD_ABORTED, &cmd->flags);
}

/**
 * scst_cmd_get_tgt_priv() - the target driver's private data of @cmd
 * @cmd: the command
 *
 * Return: what the driver stored in cmd->tgt_priv.
 */
static inline void *scst_cmd_get_tgt_priv(const struct scst_cmd *cmd)
{
	return cmd->tgt_priv;
}

#endif /* _SCST_SCST_H */
