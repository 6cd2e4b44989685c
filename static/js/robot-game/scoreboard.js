// The phone scoreboard follows the verified scores without a reload (see board.js).
import { drawBoard, followBoard } from "./board.js";

const root = document.getElementById("scoreboard");
if (root) followBoard(root.dataset.api, Number(root.dataset.poll), (board) => drawBoard(root, board));
