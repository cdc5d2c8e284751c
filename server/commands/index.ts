import type { Command } from "commander";
import { registerServeCommand } from "./serve.command.js";
import { registerKeysCommand } from "./keys.command.js";
import { registerBackupCommand } from "./backup.command.js";
import { registerImportCommand } from "./import.command.js";
import { registerMappingCommand } from "./mapping.command.js";
import { registerSyncCommand } from "./sync.command.js";
import { registerExportCommand } from "./export.command.js";
import { registerGatewayCommand } from "./gateway.command.js";
import { registerReportCommand } from "./report.command.js";
import { registerSeedCommand } from "./seed.command.js";

/** Registers one sub-command on the program. */
export type RegisterCommand = (program: Command) => void;

/** Every sub-command of `npm run hub --`. Add a command by adding its module here. */
export const commands: RegisterCommand[] = [registerServeCommand, registerKeysCommand, registerBackupCommand, registerGatewayCommand, registerImportCommand, registerMappingCommand, registerSyncCommand, registerExportCommand, registerReportCommand, registerSeedCommand];
