// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package message

import (
	"net/http"

	"douyin/pkg/param"
	"douyin/pkg/response"

	"douyin/api/internal/logic/message"
	"douyin/api/internal/svc"
	"douyin/api/internal/types"
)

func MessageChatHandler(svcCtx *svc.ServiceContext) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req types.ChatReq
		if err := param.Form(r, &req); err != nil {
			response.Write(r.Context(), w, (*types.ChatResp)(nil), response.InvalidRequest(err))
			return
		}

		l := message.NewMessageChatLogic(r.Context(), svcCtx)
		resp, err := l.MessageChat(&req)
		response.Write(r.Context(), w, resp, err)
	}
}
